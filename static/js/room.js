// A member's live room: the shared live page, plus what only this viewer sees
// (checked in or not, on the list of speakers, their proxy, their ballots).
import { applyFlags, connectLive, pageFlags, setText, text } from "./live.js";
import { watchPolls } from "./polls.js";

const root = document.querySelector("[data-live-root]");
if (root) {
  const votes = root.dataset.votes === "true";
  const holder = root.querySelector('[data-field="proxy-holder"]');
  let polls = null;

  const live = connectLive(root, {
    draw(state, you, changed) {
      if (polls) polls.update(state, you, changed);
      applyFlags(root, pageFlags(state, you, votes));
      if (holder && you.proxy_holder_id
          && String(you.proxy_holder_id) !== holder.dataset.holderId) {
        // Named in another tab: the name is not in the snapshot.
        holder.textContent = text("proxy-named");
        holder.dataset.holderId = you.proxy_holder_id;
      }
      setText(root, '[data-field="proxies-held"]',
        text("proxies-held", { count: you.proxies_held || 0 }));
    },
    attendanceChanged(changed) {
      // This member changed in another tab (or a worker checked them in):
      // joining again brings this viewer's own state.
      if (changed && changed.user_id === live.you.user_id) live.rejoin();
    },
  });
  polls = watchPolls(root, live, "room");
}
