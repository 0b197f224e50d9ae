// The live room's connection and what every live page shares: the room, the
// chair's console and the projector.
//
// The page is drawn by the server; this module keeps it current. It joins
// the meeting's room on /live (and again after every reconnection, applying
// the fresh snapshot), applies meeting:state, attendance:update,
// agenda:update and speakers:update, runs the speaker's countdown on the
// server's clock, and turns the page's POST forms into socket events while
// the connection is up. Texts come from the page (<template data-text>), so
// the scripts speak the page's language; user text only ever goes into
// textContent.
/* global io */
import { watchNotifications } from "./notifications.js";

const ACK_TIMEOUT_MS = 10000;

export function text(key, values = {}) {
  const template = document.querySelector(`template[data-text="${CSS.escape(key)}"]`);
  let result = template ? template.content.textContent.trim() : "";
  for (const [name, value] of Object.entries(values)) {
    result = result.replaceAll(`{${name}}`, String(value));
  }
  return result;
}

export function setText(scope, selector, value) {
  for (const element of scope.querySelectorAll(selector)) {
    if (element.textContent !== value) element.textContent = value;
  }
}

function setField(scope, field, value) {
  setText(scope, `[data-field="${field}"]`, value);
}

// --- flags: which parts of the page show --------------------------------------------

// The same flags as govhub.meetings.live_views.page_flags.
// While an action is on its way its buttons say they are busy (aria-disabled)
// rather than being disabled: a disabled button loses the keyboard's focus,
// and a screen reader would announce the page instead of the result.
export function markBusy(buttons, busy) {
  for (const button of buttons) {
    if (busy) button.setAttribute("aria-disabled", "true");
    else button.removeAttribute("aria-disabled");
  }
}

export function pageFlags(state, you, votes = false) {
  const me = you.user_id;
  const { current, queue } = state.speakers;
  const status = state.meeting.status;
  const speaking = Boolean(me && current && current.user_id === me);
  const queued = Boolean(me && queue.some((entry) => entry.user_id === me));
  const flags = new Set([
    status,
    you.present ? "present" : "absent",
    speaking ? "speaking" : "notspeaking",
    queued ? "queued" : "notqueued",
    you.proxy_holder_id ? "proxy" : "noproxy",
  ]);
  const optional = {
    item: state.agenda.current_item_id,
    holding: you.proxies_held,
    voter: votes,
    member: you.member,
    editable: ["draft", "scheduled", "in_session"].includes(status),
    over: ["adjourned", "minutes_published"].includes(status),
  };
  for (const [flag, holds] of Object.entries(optional)) if (holds) flags.add(flag);
  return flags;
}

export function applyFlags(scope, flags) {
  for (const element of scope.querySelectorAll("[data-show-if]")) {
    element.hidden = !element.dataset.showIf.split(/\s+/).every((flag) => flags.has(flag));
  }
}

// --- the countdown ----------------------------------------------------------------------

export function parseTime(iso) {
  // Python writes microseconds; keep milliseconds, which every browser parses.
  return Date.parse(String(iso).replace(/(\.\d{3})\d+/, "$1"));
}

function minutes(seconds) {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

class Countdown {
  constructor(scope) {
    this.scope = scope;
    this.endsAt = null;
    this.total = 0;
    this.offset = 0;
    this.timer = null;
  }

  set(speakers) {
    // The server's clock minus ours: the countdown follows the server's time.
    this.offset = parseTime(speakers.server_time) - Date.now();
    const current = speakers.current;
    this.endsAt = current ? parseTime(current.started_at) + current.seconds * 1000 : null;
    this.total = current ? current.seconds : 0;
    if (this.endsAt && !this.timer) this.timer = setInterval(() => this.tick(), 250);
    if (!this.endsAt && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    this.tick();
  }

  tick() {
    const running = this.endsAt !== null;
    const left = running ? Math.ceil((this.endsAt - (Date.now() + this.offset)) / 1000) : 0;
    const phase = !running ? "" : left < 0 ? "over" : left <= 30 ? "ending" : "running";
    for (const element of this.scope.querySelectorAll("[data-countdown]")) {
      element.hidden = !running;
      element.dataset.phase = phase;
      const shown = !running ? "" : left < 0 ? `+${minutes(-left)}` : minutes(left);
      if (element.textContent !== shown) element.textContent = shown;
    }
    for (const bar of this.scope.querySelectorAll("[data-countdown-bar]")) {
      bar.hidden = !running;
      bar.max = Math.max(this.total, 1);
      bar.value = Math.max(Math.min(left, this.total), 0);
      bar.dataset.phase = phase;
    }
  }
}

// --- drawing the shared parts ---------------------------------------------------------

function drawMeeting(root, meeting) {
  root.dataset.status = meeting.status;
  setField(root, "status", text(`status-${meeting.status}`) || meeting.status);
}

function drawAttendance(root, summary) {
  setField(root, "present-weight", summary.present_weight);
  setField(root, "entitled-weight", summary.entitled_weight);
  setField(root, "quorum-state", summary.quorum.met ? text("quorum-met")
    : text("quorum-not-met", { needed: summary.quorum.needed_weight }));
  setField(root, "attendance-detail", text("attendance-detail", {
    present: summary.present_count, represented: summary.represented_count,
  }));
  for (const element of root.querySelectorAll("[data-quorum]")) {
    element.dataset.met = summary.quorum.met ? "true" : "false";
  }
}

function drawAgenda(root, agenda) {
  const items = agenda.items;
  const index = items.findIndex((item) => item.id === agenda.current_item_id);
  const current = index >= 0 ? items[index] : null;
  setField(root, "item-position", current
    ? text("item-position", { position: index + 1, count: items.length }) : "");
  setField(root, "item-title", current ? current.title : text("no-item"));
  for (const element of root.querySelectorAll('[data-field="item-description"]')) {
    element.textContent = current ? current.description : "";
    element.hidden = !(current && current.description);
  }
  for (const list of root.querySelectorAll('[data-list="agenda"]')) {
    list.replaceChildren(...items.map((item) => {
      const row = document.createElement("li");
      row.dataset.id = item.id;
      row.dataset.itemStatus = item.status;
      const title = document.createElement("span");
      title.className = "agenda-title";
      title.textContent = item.title;
      const badge = document.createElement("span");
      badge.className = "badge";
      badge.dataset.field = "item-status";
      badge.textContent = text(`item-status-${item.status}`);
      row.append(title, " ", badge);
      return row;
    }));
  }
}

function drawSpeakers(root, speakers, you) {
  setField(root, "speaker-name", speakers.current ? speakers.current.name : text("no-speaker"));
  setField(root, "queue-count", text("queue-count", { count: speakers.queue.length }));
  for (const list of root.querySelectorAll('[data-list="queue"]')) {
    list.replaceChildren(...speakers.queue.map((entry) => {
      const row = document.createElement("li");
      row.dataset.userId = entry.user_id;
      if (you && entry.user_id === you.user_id) row.className = "mine";
      row.textContent = entry.name;
      return row;
    }));
  }
}

// --- forms become socket events -------------------------------------------------------

function formPayload(form, submitter) {
  const payload = {};
  const add = (control) => {
    if (!control.name || control.name === "csrf_token") return;
    const { type } = control.dataset;
    payload[control.name] = type === "int" ? Number(control.value)
      : type === "bool" ? control.value === "1" : control.value;
  };
  for (const control of form.elements) {
    if (control.type === "submit" || control.type === "button") continue;
    if (control.type === "checkbox" && !control.checked) continue;
    add(control);
  }
  if (submitter) add(submitter);
  return payload;
}

// After an action, keep the keyboard's place: on the pressed button, or, when the
// action hid it, on the first visible control near it.
function keepFocus(form, pressed) {
  const visible = (element) => element.offsetParent !== null && !element.disabled;
  if (pressed && visible(pressed)) {
    pressed.focus();
    return;
  }
  const group = form.closest(".live-buttons, section, li") || document.body;
  const next = [...group.querySelectorAll("button, a[href], select")].find(visible);
  if (next) next.focus();
}

// A flash message says what the request that drew the page did ("The poll … is ready");
// once the state it speaks of changes live (an action of this page, a poll opening or
// closing, the agenda or the meeting moving on), it is stale and goes.
export function clearFlashes() {
  for (const box of document.querySelectorAll("main .flashes")) box.remove();
}

// --- the connection -----------------------------------------------------------------

export function connectLive(root, page = {}) {
  const meetingId = Number(root.dataset.meetingId);
  const state = JSON.parse(root.dataset.state);
  let you = JSON.parse(root.dataset.you || "{}");
  const banner = document.querySelector("[data-live-banner]");
  const errorBox = document.querySelector("[data-live-error]");
  const countdown = new Countdown(root);

  const auth = root.dataset.viewer === "key" ? { projector_key: root.dataset.projectorKey }
    : root.dataset.viewer === "view" ? { view: true } : {};
  const socket = io("/live", { transports: ["websocket"], auth });
  if (root.dataset.viewer !== "key" && root.dataset.viewer !== "view") watchNotifications(socket);

  function showError(message) {
    if (!errorBox) return;
    errorBox.textContent = message || text("error-timeout");
    errorBox.hidden = false;
  }

  function clearError() {
    if (errorBox) errorBox.hidden = true;
  }

  function setLive(on) {
    root.dataset.live = on ? "on" : "off";
    if (banner) banner.hidden = on;
  }

  function draw(changed) {
    if (changed.meeting) drawMeeting(root, state.meeting);
    if (changed.attendance) drawAttendance(root, state.attendance);
    if (changed.agenda) drawAgenda(root, state.agenda);
    if (changed.speakers) {
      drawSpeakers(root, state.speakers, you);
      countdown.set(state.speakers);
    }
    if (page.draw) page.draw(state, you, changed);
  }

  function applySnapshot(snapshot) {
    Object.assign(state, snapshot);
    draw({ meeting: true, attendance: true, agenda: true, speakers: true });
  }

  function emit(event, payload = {}) {
    return new Promise((resolve) => {
      socket.timeout(ACK_TIMEOUT_MS).emit(event, { ...payload, meeting_id: meetingId },
        (error, ack) => {
          resolve(error || !ack ? { ok: false, error: { code: "timeout", message: text("error-timeout") } }
            : ack);
        });
    });
  }

  async function join() {
    const ack = await emit("meeting:join");
    if (ack.ok) {
      clearError();
      if (ack.you) you = ack.you;
      applySnapshot(ack.state);
      setLive(true);
    } else {
      showError(ack.error && ack.error.message);
    }
  }

  socket.on("connect", join);
  socket.on("disconnect", (reason) => {
    setLive(false);
    // The server ended the connection: socket.io leaves reconnecting to us.
    if (reason === "io server disconnect") setTimeout(() => socket.connect(), 2000);
  });
  socket.on("connect_error", (error) => {
    setLive(false);
    if (!socket.active) showError((error.data && error.data.message) || text("error-refused"));
  });

  const mine = (payload) => payload && payload.meeting_id === meetingId;
  socket.on("meeting:state", (snapshot) => {
    if (!snapshot || !snapshot.meeting || snapshot.meeting.id !== meetingId) return;
    clearFlashes();
    applySnapshot(snapshot);
  });
  socket.on("attendance:update", (summary) => {
    if (!mine(summary)) return;
    state.attendance = summary;
    draw({ attendance: true });
    // Updates are coalesced: `changes` lists every arrival and departure since the last one.
    if (page.attendanceChanged) (summary.changes || [summary.changed]).forEach(page.attendanceChanged);
  });
  socket.on("agenda:update", (agenda) => {
    if (!mine(agenda)) return;
    state.agenda = agenda;
    clearFlashes();
    draw({ agenda: true });
  });
  socket.on("speakers:update", (speakers) => {
    if (!mine(speakers)) return;
    state.speakers = speakers;
    draw({ speakers: true });
  });

  // Buttons: with a live connection, send the event; without one, the form posts.
  const pending = new WeakSet();  // forms whose action is on its way: one at a time
  document.addEventListener("submit", async (event) => {
    const form = event.target.closest("form[data-event]");
    if (!form || !socket.connected) return;
    event.preventDefault();
    if (pending.has(form)) return;
    const payload = formPayload(form, event.submitter);
    const pressed = event.submitter || form.querySelector("button");
    const buttons = [...form.querySelectorAll("button")];
    pending.add(form);
    markBusy(buttons, true);
    const custom = page.actions && page.actions[form.dataset.event];
    const ack = custom ? await custom(payload, state) : await emit(form.dataset.event, payload);
    pending.delete(form);
    markBusy(buttons, false);
    if (!ack.ok) {
      showError(ack.error && ack.error.message);
      if (pressed) pressed.focus();
      return;
    }
    clearError();
    clearFlashes();
    if (ack.you) {
      you = ack.you;
      draw({ speakers: true });
    }
    keepFocus(form, pressed);
  });

  draw({ meeting: true, attendance: true, agenda: true, speakers: true });
  return {
    emit,
    state,
    rejoin: () => socket.connected && join(),
    // Further broadcasts a page follows (the polls: poll:opened, poll:tally, poll:closed).
    on: (event, handler) => socket.on(event, handler),
    get connected() { return socket.connected; },
    get you() { return you; },
  };
}
