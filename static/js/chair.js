// The chair's console: the shared live page, plus the agenda's controls, the
// paper attendance list and the speaking time, kept current from broadcasts.
import { applyFlags, connectLive, pageFlags, setText, text } from "./live.js";
import { watchPolls } from "./polls.js";

const root = document.querySelector("[data-live-root]");
const list = root && root.querySelector('[data-list="chair-agenda"]');
const rowTemplate = root && root.querySelector('template[data-row="chair-item"]');

function newRow(id) {
  const row = rowTemplate.content.firstElementChild.cloneNode(true);
  for (const form of row.querySelectorAll("form")) {
    form.action = form.getAttribute("action").replace("/items/0/", `/items/${id}/`);
  }
  for (const input of row.querySelectorAll('input[name="item_id"]')) input.value = id;
  return row;
}

function fillRow(row, item, index, count) {
  row.dataset.id = item.id;
  row.dataset.itemStatus = item.status;
  setText(row, '[data-row-field="number"]', String(index + 1));
  setText(row, '[data-row-field="title"]', item.title);
  setText(row, '[data-row-field="status"]', text(`item-status-${item.status}`));
  for (const form of row.querySelectorAll("[data-show-item]")) {
    form.hidden = !form.dataset.showItem.split(/\s+/).includes(item.status);
  }
  row.querySelector('[data-move="up"]').disabled = index === 0;
  row.querySelector('[data-move="down"]').disabled = index === count - 1;
}

// Update rows in place and move them into order, so that focus stays put.
function drawRows(items) {
  const focused = list.contains(document.activeElement) ? document.activeElement : null;
  const existing = new Map([...list.children].map((row) => [Number(row.dataset.id), row]));
  items.forEach((item, index) => {
    const row = existing.get(item.id) || newRow(item.id);
    existing.delete(item.id);
    fillRow(row, item, index, items.length);
    if (list.children[index] !== row) list.insertBefore(row, list.children[index] || null);
  });
  for (const row of existing.values()) row.remove();
  if (focused && focused.isConnected && document.activeElement !== focused) focused.focus();
}

function markMember(changed) {
  if (!changed) return;
  const option = root.querySelector(`[data-members] option[value="${Number(changed.user_id)}"]`);
  if (!option) return;
  option.dataset.present = changed.present ? "true" : "false";
  option.textContent = (changed.present ? "✓ " : "") + option.dataset.name;
}

if (root && list && rowTemplate) {
  const seconds = root.querySelector('select[name="seconds"]');
  let polls = null;
  const live = connectLive(root, {
    draw(state, you, changed) {
      if (polls) polls.update(state, you, changed);
      if (changed.agenda) drawRows(state.agenda.items);
      applyFlags(root, pageFlags(state, you));
      const chosen = String(state.speakers.speaking_seconds);
      if (changed.speakers && seconds && document.activeElement !== seconds
          && [...seconds.options].some((option) => option.value === chosen)) {
        seconds.value = chosen;
      }
    },
    attendanceChanged: markMember,
    actions: {
      "agenda:move"(payload, state) {
        const ids = state.agenda.items.map((item) => item.id);
        const index = ids.indexOf(payload.item_id);
        const target = index + (payload.direction === "up" ? -1 : 1);
        if (index < 0 || target < 0 || target >= ids.length) return Promise.resolve({ ok: true });
        [ids[index], ids[target]] = [ids[target], ids[index]];
        return live.emit("agenda:reorder", { item_ids: ids });
      },
      "poll:open"(payload) {
        // The timer's minutes and seconds become closes_in_seconds; none when empty.
        const total = (payload.minutes || 0) * 60 + (payload.seconds || 0);
        const data = { poll_id: payload.poll_id };
        if (Number.isFinite(total) && total !== 0) data.closes_in_seconds = total;
        return live.emit("poll:open", data);
      },
    },
  });
  polls = watchPolls(root, live, "chair");
}
