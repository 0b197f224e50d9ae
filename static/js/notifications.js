// Notifications arrive live on every page of a signed-in user: the header's
// unread count goes up and the sentence appears for a few seconds in a
// polite live region. The server renders the sentence in the reader's
// language; it only ever goes into textContent.
/* global io */

const SHOWN_MS = 8000;

// A notification that merged into an unread one (a digest: "3 action items ...
// changed status") carries the same id: its toast is replaced, not added, and the
// count is set to the reader's unread total the server sends, not bumped.
export function watchNotifications(socket) {
  socket.on("notification", (notification) => {
    setUnreadCount(notification.unread);
    show(notification);
  });
}

function setUnreadCount(unread) {
  const link = document.querySelector(".notifications-link");
  if (!link) return;
  let count = link.querySelector(".count");
  if (!count) {
    count = document.createElement("span");
    count.className = "count";
    count.textContent = "0";
    link.append(" ", count);
  }
  const number = count.firstChild;
  const next = Number.isInteger(unread) ? unread : (parseInt(number.textContent, 10) || 0) + 1;
  number.textContent = String(next);
}

function show(notification) {
  const region = document.querySelector("[data-toasts]");
  if (!region) return;
  const id = String(notification.id);
  let toast = [...region.querySelectorAll(".toast")].find((t) => t.dataset.id === id);
  if (toast) {
    clearTimeout(Number(toast.dataset.timer));
    toast.replaceChildren();
  } else {
    toast = document.createElement("p");
    toast.className = "toast";
    toast.dataset.id = id;
    region.append(toast);
  }
  const link = document.createElement("a");
  link.href = notification.link || "/notifications";
  link.textContent = notification.text;
  toast.append(link);
  const shown = toast;
  shown.dataset.timer = String(setTimeout(() => shown.remove(), SHOWN_MS));
}

// Pages with a live room share their connection (live.js calls
// watchNotifications); every other page opens its own.
if (document.body.dataset.signedIn === "true" && !document.querySelector("[data-live-root]")) {
  watchNotifications(io("/live", { transports: ["websocket"] }));
}
