// A member's ballot on the live room: its options drawn from the poll, what it says,
// what it sends, and the ranking's up and down keys. polls.js decides when.
import { markBusy, setText, text } from "./live.js";

export function newKey() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  // Pages served over plain http (a hall's local network) have no randomUUID.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function fillOptions(form, poll) {
  const container = form.querySelector("[data-option-rows]");
  if (!container) return;
  const model = container.querySelector("[data-option-row]");
  const count = poll.options.length;
  const rows = poll.options.map((option, index) => {
    const row = model.cloneNode(true);
    const label = option.label;
    if (row.matches("button")) {
      row.value = String(option.id);
      row.textContent = label;
    }
    const box = row.querySelector('input[name="choices"]');
    if (box) box.value = String(option.id);
    if (row.dataset.optionId !== undefined) {
      row.dataset.optionId = String(option.id);
      const select = row.querySelector("select");
      select.name = `rank-${option.id}`;
      select.replaceChildren(...poll.options.map((_, n) => new Option(String(n + 1),
        String(n + 1), n === index, n === index)));
      setText(row, ".rank-select .visually-hidden", text("poll-rank-of", { label }));
      setText(row, '[data-rank-move="up"] .visually-hidden', text("poll-rank-up", { label }));
      setText(row, '[data-rank-move="down"] .visually-hidden', text("poll-rank-down", { label }));
    }
    setText(row, '[data-row-field="label"]', label);
    return row;
  });
  model.replaceWith(...rows);
  if (count && form.querySelector('[data-poll-field="choose-hint"]')) {
    const most = poll.max_choices || count;
    setText(form, '[data-poll-field="choose-hint"]', poll.min_choices === most
      ? text("poll-choose-exactly", { num: most })
      : text("poll-choose-range", { least: poll.min_choices, most }));
  }
}

export function showContent(form, content) {
  if (!content) return;
  for (const button of form.querySelectorAll('button[name="choice"]')) {
    button.setAttribute("aria-pressed", String(content.length === 1
      && String(content[0]) === button.value));
  }
  for (const box of form.querySelectorAll('input[name="choices"]')) {
    box.checked = content.map(String).includes(box.value);
  }
}

export function setBallotState(form, state, message = "") {
  form.dataset.state = state;
  const status = form.querySelector("[data-ballot-status]");
  const error = form.querySelector("[data-ballot-error]");
  if (status) {
    status.textContent = state === "sending" ? text("poll-sending")
      : state === "recorded" ? (form.dataset.me === "true" ? text("poll-recorded-me")
        : text("poll-recorded-other", { name: form.dataset.name || "" })) : "";
  }
  if (error) {
    error.textContent = message;
    error.hidden = state !== "error";
  }
  markBusy(form.querySelectorAll("button"), state === "sending");
}

// What a ballot sends, read from its kind's controls (templates/voting/kinds/): a ranking's
// rows in order, the boxes checked, or the choice button pressed (a number where the button
// says data-type="int"). A new kind whose controls take one of these shapes needs no script.
export function ballotContent(form, submitter) {
  if (form.querySelector("[data-ranking]")) {
    return { ranking: [...form.querySelectorAll("[data-option-id]")]
      .map((row) => Number(row.dataset.optionId)) };
  }
  if (form.querySelector('input[name="choices"]')) {
    return { choices: [...form.querySelectorAll('input[name="choices"]:checked')]
      .map((box) => Number(box.value)) };
  }
  if (!submitter || submitter.name !== "choice") return null;
  return { choice: submitter.dataset.type === "int" ? Number(submitter.value) : submitter.value };
}

// Ranked choice: up and down buttons move an option; the selects (the form without
// JavaScript) follow, and a polite live region says where it went.
export function enhanceRanking(form) {
  const list = form.querySelector("[data-ranking]");
  if (!list || list.dataset.enhanced) return;
  list.dataset.enhanced = "true";
  for (const moves of list.querySelectorAll("[data-rank-moves]")) moves.hidden = false;
  for (const select of list.querySelectorAll(".rank-select")) select.hidden = true;
  list.addEventListener("click", (event) => {
    const button = event.target.closest("[data-rank-move]");
    if (!button || form.dataset.state === "sending") return;  // the order on its way stays
    const row = button.closest("[data-option-id]");
    const up = button.dataset.rankMove === "up";
    const other = up ? row.previousElementSibling : row.nextElementSibling;
    if (!other) return;
    if (up) list.insertBefore(row, other);
    else list.insertBefore(other, row);
    button.focus();
    const rows = [...list.children];
    rows.forEach((item, index) => { item.querySelector("select").value = String(index + 1); });
    setText(form, "[data-ranking-status]", text("poll-rank-now", {
      label: row.querySelector('[data-row-field="label"]').textContent,
      position: rows.indexOf(row) + 1 }));
  });
}
