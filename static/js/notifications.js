// Notifications arrive live on every page of a signed-in user: the header's
// unread count goes up and the sentence appears for a few seconds in a
// polite live region. The server renders the sentence in the reader's
// language; it only ever goes into textContent.
/* global io */

const SHOWN_MS = 8000;

export function watchNotifications(socket) {
  socket.on("notification", (notification) => {
    bumpUnreadCount();
    show(notification);
  });
}

function bumpUnreadCount() {
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
  number.textContent = String((parseInt(number.textContent, 10) || 0) + 1);
}

function show(notification) {
  const region = document.querySelector("[data-toasts]");
  if (!region) return;
  const toast = document.createElement("p");
  toast.className = "toast";
  const link = document.createElement("a");
  link.href = notification.link || "/notifications";
  link.textContent = notification.text;
  toast.append(link);
  region.append(toast);
  setTimeout(() => toast.remove(), SHOWN_MS);
}

// Pages with a live room share their connection (live.js calls
// watchNotifications); every other page opens its own.
if (document.body.dataset.signedIn === "true" && !document.querySelector("[data-live-root]")) {
  watchNotifications(io("/live", { transports: ["websocket"] }));
}
