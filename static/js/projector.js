// The projector: the shared live page, shown to the hall; nothing to press. The open
// poll's turnout, and at close its result, replace the speakers while there is one.
import { connectLive } from "./live.js";
import { watchPolls } from "./polls.js";

const root = document.querySelector("[data-live-root]");
if (root) {
  let polls = null;
  const live = connectLive(root, {
    draw(state, you, changed) {
      if (polls) polls.update(state, you, changed);
    },
  });
  polls = watchPolls(root, live, "projector");
  // Keep the screen awake where the browser allows it (secure contexts only).
  if (navigator.wakeLock) {
    const stayAwake = () => navigator.wakeLock.request("screen").catch(() => {});
    stayAwake();
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") stayAwake();
    });
  }
}
