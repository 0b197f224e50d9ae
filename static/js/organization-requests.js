// The organization's requests and enrolments, kept current without reloading.
//
// The page is drawn by the server and works without this script. Here it
// joins the organization's room on /live (again after every reconnection)
// and, when the room says something changed, fetches the list again from
// the server (?fragment=1) and puts it in place: the server renders it, in
// the reader's language, with the forms and their CSRF tokens. A list is
// never replaced under someone typing a reason for declining: the refresh
// waits until they leave the form. What arrived is announced by the
// notification toast (notifications.js), which shares this connection.
/* global io */
import { watchNotifications } from "./notifications.js";

const root = document.querySelector("[data-organization-requests]");
const list = root && root.querySelector("[data-request-list]");

function busy() {
  const active = document.activeElement;
  if (!active || !list.contains(active)) return false;
  return active.matches("textarea, input, select") || Boolean(active.closest("details[open]"));
}

let pending = false;
let fetching = null;

async function refresh() {
  if (busy()) {
    pending = true;
    return;
  }
  pending = false;
  if (fetching) fetching.abort();
  fetching = new AbortController();
  try {
    const url = new URL(window.location.href);
    url.searchParams.set("fragment", "1");
    url.hash = "";
    const response = await fetch(url, { credentials: "same-origin", signal: fetching.signal,
                                         headers: { Accept: "text/html" } });
    if (!response.ok) return;
    const before = new Set([...list.querySelectorAll("[data-request-id]")]
      .map((row) => row.dataset.requestId));
    const html = await response.text();
    if (busy()) {
      pending = true;
      return;
    }
    list.innerHTML = html;
    for (const row of list.querySelectorAll("[data-request-id]")) {
      if (!before.has(row.dataset.requestId)) row.classList.add("fresh");
    }
    root.dataset.updated = String(Date.now());
  } catch (error) {
    if (error.name !== "AbortError") throw error;
  }
}

function start() {
  const organizationId = Number(root.dataset.organizationId);
  const socket = io("/live", { transports: ["websocket"] });
  watchNotifications(socket);
  let joinedBefore = false;
  socket.on("connect", () => {
    socket.emit("organization:join", { organization_id: organizationId }, (ack) => {
      if (!ack || !ack.ok) return;
      root.dataset.live = "joined";
      // After a reconnection, catch up on what happened while away.
      if (joinedBefore) refresh();
      joinedBefore = true;
    });
  });
  socket.on("disconnect", () => { root.dataset.live = "disconnected"; });
  socket.on("organization:update", (change) => {
    if (change && change.organization_id === organizationId) refresh();
  });
  list.addEventListener("focusout", () => {
    // Let the focus land first, then catch up if a change arrived meanwhile.
    setTimeout(() => { if (pending) refresh(); }, 0);
  });
}

if (root && list) start();
