// The projector: the shared live page, shown to the hall; nothing to press.
import { connectLive } from "./live.js";

const root = document.querySelector("[data-live-root]");
if (root) {
  connectLive(root);
  // Keep the screen awake where the browser allows it (secure contexts only).
  if (navigator.wakeLock) {
    const stayAwake = () => navigator.wakeLock.request("screen").catch(() => {});
    stayAwake();
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") stayAwake();
    });
  }
}
