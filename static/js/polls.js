// Polls on the live pages: the member's ballots in the room, the chair's polls on the
// console, the projector's turnout and result.
//
// The server draws the page; this module keeps the polls current from poll:opened,
// poll:tally, poll:closed and the agenda's updates (which carry every poll). A card
// that is on the page is only ever updated in place: turnout, tally and result
// change, but a ballot the member is filling in is never redrawn. A ballot is sent
// as poll:vote with an idempotency key made once per ballot, so a retry after an
// error or a timeout never counts twice; "recorded" shows only after the server's
// acknowledgement, which comes after the commit. Texts come from the page.
import {
  ballotContent, enhanceRanking, fillOptions, newKey, setBallotState, showContent,
} from "./ballots.js";
import { clearFlashes, parseTime, setText, text } from "./live.js";

const RANK = { draft: 0, open: 1, closed: 2 };
const YES_NO = ["yes", "no", "abstain"];

function rawText(key) {
  const template = document.querySelector(`template[data-text="${key}"]`);
  return template ? template.content.textContent : "";
}

function clone(selector) {
  const template = document.querySelector(selector);
  return template ? template.content.firstElementChild.cloneNode(true) : null;
}

// --- which polls a page shows: the same choice as govhub.voting.display.shown_polls ------

export function shownPolls(polls, currentItemId, page) {
  const open = polls.filter((p) => p.status === "open");
  const item = polls.filter((p) => p.agenda_item_id === currentItemId && p.status !== "open");
  const drafts = item.filter((p) => p.status === "draft").sort((a, b) => a.id - b.id);
  const closed = item.filter((p) => p.status === "closed")
    .sort((a, b) => (`${b.closed_at || ""}`.localeCompare(`${a.closed_at || ""}`)) || b.id - a.id);
  if (page === "projector") return open.length ? open.slice(0, 1) : closed.slice(0, 1);
  if (page === "room") return [...open, ...closed];
  return [...open, ...drafts, ...closed];
}

// --- a result in words: the same plan as govhub.voting.labels.sentence_plan -------------

function optionLabels(poll) {
  if (poll.kind === "yes_no_abstain") {
    return new Map(YES_NO.map((choice) => [choice, text(`poll-choice-${choice}`)]));
  }
  return new Map(poll.options.map((option) => [String(option.id), option.label]));
}

function required([numerator, denominator, strict]) {
  if (numerator === 1 && denominator === 2 && strict) return text("poll-required-more-1-2");
  if (numerator === 2 && denominator === 3 && !strict) return text("poll-required-least-2-3");
  return text(strict ? "poll-required-more" : "poll-required-least",
    { share: `${numerator}/${denominator}` });
}

function leaders(weights) {
  const values = Object.entries(weights).map(([key, value]) => [key, Number(value)]);
  const top = Math.max(0, ...values.map(([, value]) => value));
  return top > 0 ? values.filter(([, value]) => value === top).map(([key]) => key) : [];
}

export function resultSentence(poll, rules) {
  const result = poll.result;
  if (!result) return "";
  const rule = rules[result.rule_set] || rules.organic_law;
  const outcome = result.outcome;
  if (!outcome.quorum_met) {
    return text("poll-no-quorum", { present: result.present_weight,
      members: result.members_weight, required: required(rule.quorum) });
  }
  const optionBase = rule.base === "cast_with_abstentions" ? "cast" : rule.base;
  let share = rule.passing;
  let keys = [];
  let figures;
  if (result.kind === "yes_no_abstain") {
    figures = `yes-${rule.base}`;
  } else if (result.kind === "multiple") {
    keys = (result.accepted || []).map(String);
    figures = keys.length ? `accepted-${optionBase}` : `none-accepted-${optionBase}`;
  } else {
    const ranked = result.kind === "ranked";
    let weights;
    if (ranked) {
      share = [1, 2, true];
      const rounds = result.rounds || [];
      weights = rounds.length ? rounds[rounds.length - 1] : {};
    } else {
      weights = Object.fromEntries(Object.entries(result.tally)
        .map(([key, entry]) => [key, entry.weight]));
    }
    keys = outcome.winner !== null && outcome.winner !== undefined
      ? [String(outcome.winner)] : leaders(weights);
    figures = keys.length ? (ranked ? "option-runoff" : `option-${optionBase}`) : "no-votes";
  }
  const labels = optionLabels(poll);
  const names = keys.map((key) => text("poll-quoted", { label: labels.get(key) ?? key }))
    .join(rawText("poll-separator"));
  const said = text(`poll-${figures}`, { yes: outcome.yes, base: outcome.base, options: names,
    option: names });
  return text("poll-sentence", { outcome: text(`poll-outcome-${outcome.passed ? "passed" : "failed"}`),
    figures: said, required: required(share) });
}

// --- drawing a poll --------------------------------------------------------------------

function percent(part, whole) {
  const total = Number(whole || 0);
  return total > 0 ? Math.round((Number(part || 0) * 100) / total) : 0;
}

// Bars are drawn against the scale the server sends (voting.rules.bar_scale): the weight
// the rule decides on, with a line where passing starts. Without one, the votes cast.
function drawTally(scope, poll) {
  const table = scope.querySelector("[data-poll-tally]");
  if (!table) return;
  const result = poll.status === "closed" ? poll.result : null;
  const tally = result ? result.tally : poll.status === "open" ? poll.tally : null;
  const note = scope.querySelector('[data-poll-field="scale-note"]');
  table.hidden = !tally;
  if (note) note.hidden = !(tally && poll.scale);
  if (!tally) return;
  const turnout = (result && result.turnout) || poll.turnout || {};
  const scale = poll.scale || null;
  const whole = scale ? scale.base : turnout.weight;
  const outside = new Set(scale ? scale.outside : []);
  if (note && scale) note.textContent = text("poll-scale-note", { base: scale.base });
  setText(table, '[data-poll-field="tally-caption"]', text("poll-tally-caption", { title: poll.title }));
  const body = table.querySelector("[data-tally-rows]");
  const labels = optionLabels(poll);
  const rows = new Map([...body.children].map((row) => [row.dataset.option, row]));
  [...labels.keys()].forEach((key, index) => {
    let row = rows.get(key);
    if (!row) row = clone("template[data-tally-row-template]");
    rows.delete(key);
    row.dataset.option = key;
    const entry = tally[key] || { weight: "0", count: 0 };
    const share = percent(entry.weight, whole);
    const counted = !outside.has(key);
    setText(row, '[data-row-field="label"]', labels.get(key));
    setText(row, '[data-row-field="weight"]', entry.weight);
    setText(row, '[data-row-field="percent"]', counted ? `${share}%` : text("poll-not-counted"));
    row.querySelector('[data-row-field="bar"]').setAttribute("width", String(counted ? Math.min(share, 100) : 0));
    const line = row.querySelector('[data-row-field="threshold"]');
    line.toggleAttribute("hidden", !(scale && counted));
    if (scale) {
      line.setAttribute("x1", scale.threshold);
      line.setAttribute("x2", scale.threshold);
    }
    if (body.children[index] !== row) body.insertBefore(row, body.children[index] || null);
  });
  for (const row of rows.values()) row.remove();
}

function drawTurnout(scope, poll) {
  const turnout = (poll.result && poll.result.turnout) || poll.turnout;
  if (!turnout) return;
  setText(scope, '[data-poll-field="turnout-count"]', text("poll-turnout-count",
    { count: turnout.count, entitled: turnout.entitled_count }));
  setText(scope, '[data-poll-field="turnout-weight"]', text("poll-turnout-weight",
    { weight: turnout.weight, entitled: turnout.entitled_weight }));
  setText(scope, '[data-poll-field="count"]', String(turnout.count));
  setText(scope, '[data-poll-field="entitled-count"]', String(turnout.entitled_count));
}

function metaText(poll) {
  const parts = [text(`poll-kind-${poll.kind}`), text(poll.secret ? "poll-secret" : "poll-named"),
    text(`poll-rule-${poll.rule_set}`)];
  if (!poll.live_results) parts.push(text("poll-at-close"));
  return parts.join(" · ");
}

function drawPoll(scope, poll, rules) {
  scope.dataset.pollStatus = poll.status;
  scope.dataset.passed = poll.passed ? "true" : "false";
  setText(scope, '[data-poll-field="status"]', text(`poll-status-${poll.status}`));
  setText(scope, '[data-poll-field="title"]', poll.title);
  drawTurnout(scope, poll);
  drawTally(scope, poll);
  setText(scope, '[data-poll-field="sentence"]', resultSentence(poll, rules));
  for (const timer of scope.querySelectorAll("[data-poll-countdown]")) {
    const running = poll.status === "open" && poll.closes_at;
    timer.dataset.endsAt = running ? String(parseTime(poll.closes_at)) : "";
    timer.dataset.offset = String(parseTime(poll.server_time) - Date.now());
    if (!running) timer.hidden = true;
  }
}

function tickCountdowns(root) {
  for (const timer of root.querySelectorAll("[data-poll-countdown]")) {
    if (!timer.dataset.endsAt) continue;
    const now = Date.now() + Number(timer.dataset.offset || 0);
    const left = Math.max(0, Math.ceil((Number(timer.dataset.endsAt) - now) / 1000));
    const shown = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
    timer.hidden = false;
    timer.dataset.phase = left <= 10 ? "ending" : "running";
    if (timer.textContent !== shown) timer.textContent = shown;
  }
}

// --- the page's polls ----------------------------------------------------------------------

export function watchPolls(root, live, page) {
  const meetingId = Number(root.dataset.meetingId);
  const votes = root.dataset.votes === "true";
  const rulesHolder = document.querySelector("[data-poll-rules]");
  const rules = rulesHolder ? JSON.parse(rulesHolder.dataset.pollRules) : {};
  const polls = new Map();
  const ballots = {};   // poll id -> {members, voted, names, mine}: whose ballots this viewer casts
  const section = root.querySelector("[data-polls]");
  const list = root.querySelector("[data-polls-list]");

  function merge(payload) {
    if (!payload || payload.meeting_id !== meetingId || typeof payload.id !== "number") return;
    const known = polls.get(payload.id);
    if (known) {
      if (RANK[payload.status] < RANK[known.status]) return;  // an older message
      if (payload.status === known.status
          && parseTime(payload.server_time) < parseTime(known.server_time)) return;
    }
    polls.set(payload.id, { ...known, ...payload });
  }

  function fromServer(you) {
    for (const [key, entry] of Object.entries((you && you.ballots) || {})) {
      const local = ballots[key];
      const voted = new Set([...(local ? local.voted : []), ...entry.voted]);
      ballots[key] = { names: {}, ...entry, voted: [...voted] };
    }
  }

  function info(poll) {
    return ballots[String(poll.id)] || null;
  }

  function guessOwnBallot(poll) {
    // Entitlement is frozen when a poll opens: then the viewer knows their own, and a
    // proxy holder is told whose ballots they cast (poll:ballots).
    const key = String(poll.id);
    const you = live.you;
    if (ballots[key] || !votes || !you.user_id) return;
    const everyone = root.dataset.pollEntitlement === "all";
    if (you.present || (everyone && !you.proxy_holder_id)) {
      ballots[key] = { members: [you.user_id], voted: [], names: {} };
    } else if (everyone) {
      live.rejoin();  // absent with a proxy where everyone may vote: ask the server
    }
  }

  function newBallot(poll, memberId, entry) {
    const form = clone(`template[data-ballot-template="${poll.kind}"]`);
    const me = memberId === live.you.user_id;
    form.action = form.getAttribute("action").replace("/polls/0/", `/polls/${poll.id}/`);
    form.dataset.memberId = String(memberId);
    form.dataset.me = me ? "true" : "false";
    form.dataset.name = (entry.names || {})[String(memberId)] || "";
    form.querySelector('input[name="key"]').value = newKey();
    if (!me) {
      form.querySelector(".ballot-all").remove();  // "the same for all" is on one's own ballot
      const member = document.createElement("input");
      member.type = "hidden";
      member.name = "member_id";
      member.value = String(memberId);
      form.prepend(member);
    }
    setText(form, '[data-ballot-field="legend"]', me ? text("poll-legend-me")
      : text("poll-legend-other", { name: form.dataset.name }));
    fillOptions(form, poll);
    if (me && entry.mine) showContent(form, entry.mine);
    return form;
  }

  function drawBallots(card, poll) {
    const holder = card.querySelector("[data-poll-ballots]");
    const entry = info(poll);
    if (!holder) return;
    const members = entry ? entry.members : [];
    const empty = holder.querySelector("[data-no-ballot]");
    for (const memberId of members) {
      let form = holder.querySelector(`form[data-ballot][data-member-id="${memberId}"]`);
      if (!form) {
        if (poll.status !== "open") continue;
        form = newBallot(poll, memberId, entry);
        holder.insertBefore(form, empty);
      }
      const voted = entry.voted.includes(memberId);
      form.dataset.voted = voted ? "true" : "false";
      // A ballot whose acknowledgement was lost with the connection: the server has it.
      const lost = form.dataset.state === "error" && form.dataset.errorCode === "timeout";
      if (voted && (form.dataset.state === "ready" || lost)) {
        if (form.dataset.me === "true" && entry.mine) showContent(form, entry.mine);
        setBallotState(form, "recorded");
      }
    }
    for (const form of holder.querySelectorAll("form[data-ballot]")) {
      enhanceRanking(form);
      const all = form.querySelector(".ballot-all");
      if (all) all.hidden = !(form.dataset.me === "true" && members.length > 1);
    }
    if (empty) empty.hidden = members.length > 0;
  }

  function newCard(poll) {
    const card = clone("template[data-poll-template]");
    card.id = `poll-${poll.id}`;
    card.dataset.pollId = String(poll.id);
    card.setAttribute("aria-labelledby", `poll-${poll.id}-title`);
    card.querySelector(".poll-title").id = `poll-${poll.id}-title`;
    for (const form of card.querySelectorAll("form[action]")) {
      form.action = form.getAttribute("action").replace("/polls/0/", `/polls/${poll.id}/`);
    }
    for (const link of card.querySelectorAll("a[href]")) {
      link.href = link.getAttribute("href").replace("/polls/0/", `/polls/${poll.id}/`);
    }
    for (const input of card.querySelectorAll('input[name="poll_id"]')) input.value = poll.id;
    return card;
  }

  function drawCard(card, poll) {
    card.dataset.kind = poll.kind;
    card.dataset.secret = String(poll.secret);
    card.dataset.allowChange = String(poll.allow_change);
    drawPoll(card, poll, rules);
    setText(card, '[data-poll-field="meta"]', metaText(poll));
    // The console folds a poll away when it closes (and opens it when it opens), once per
    // change, so that the chair may unfold a closed one and read it while tallies arrive.
    const fold = card.querySelector("[data-poll-fold]");
    if (fold && card.dataset.foldedFor !== poll.status) {
      fold.open = poll.status !== "closed";
      card.dataset.foldedFor = poll.status;
    }
    if (page === "room") drawBallots(card, poll);
  }

  function drawCards() {
    const shown = shownPolls([...polls.values()], live.state.agenda.current_item_id, page);
    const focused = list.contains(document.activeElement) ? document.activeElement : null;
    const cards = new Map([...list.children].map((card) => [Number(card.dataset.pollId), card]));
    shown.forEach((poll, index) => {
      const card = cards.get(poll.id) || newCard(poll);
      cards.delete(poll.id);
      drawCard(card, poll);
      if (list.children[index] !== card) list.insertBefore(card, list.children[index] || null);
    });
    for (const card of cards.values()) card.remove();
    if (focused && focused.isConnected && document.activeElement !== focused) focused.focus();
    if (section && page === "room") section.hidden = shown.length === 0;
    const none = root.querySelector("[data-no-polls]");
    if (none) none.hidden = shown.length > 0;
  }

  function drawPanel() {
    const panel = root.querySelector("[data-poll-panel]");
    const [poll] = shownPolls([...polls.values()], live.state.agenda.current_item_id, page);
    panel.hidden = !poll;
    if (!poll) return;
    if (panel.dataset.pollId !== String(poll.id)) {
      panel.dataset.pollId = String(poll.id);
      panel.querySelector("[data-tally-rows]").replaceChildren();
    }
    drawPoll(panel, poll, rules);
  }

  function draw() {
    if (page === "projector") drawPanel();
    else if (list) drawCards();
  }

  function drawOne(pollId) {
    const poll = polls.get(pollId);
    if (!poll) return;
    if (page === "projector") {
      drawPanel();
      return;
    }
    const card = list && list.querySelector(`[data-poll-id="${pollId}"]`);
    if (card) drawCard(card, poll);
  }

  // --- what arrives --------------------------------------------------------------------

  live.on("poll:opened", (poll) => {
    if (poll && poll.meeting_id === meetingId) clearFlashes();  // "ready to open" is stale
    merge(poll);
    if (poll && poll.meeting_id === meetingId && page === "room") guessOwnBallot(poll);
    draw();
  });
  live.on("poll:closed", (poll) => {
    if (poll && poll.meeting_id === meetingId) clearFlashes();
    merge(poll);
    draw();
  });
  live.on("poll:tally", (tally) => {
    if (!tally || tally.meeting_id !== meetingId) return;
    const known = polls.get(tally.poll_id);
    if (!known || known.status !== "open"
        || parseTime(tally.server_time) < parseTime(known.server_time)) return;
    const next = { ...known, turnout: tally.turnout, server_time: tally.server_time };
    if (tally.tally) next.tally = tally.tally;
    if (tally.scale) next.scale = tally.scale;
    polls.set(known.id, next);
    drawOne(known.id);
  });
  live.on("poll:ballots", (entry) => {
    if (!entry || entry.meeting_id !== meetingId) return;
    const key = String(entry.poll_id);
    const voted = new Set([...(ballots[key] ? ballots[key].voted : []), ...entry.voted]);
    ballots[key] = { ...entry, voted: [...voted] };
    drawOne(entry.poll_id);
  });

  // --- sending a ballot ----------------------------------------------------------------

  document.addEventListener("submit", async (event) => {
    const form = event.target.closest("form[data-ballot]");
    if (!form || !live.connected) return;  // without a connection the form posts itself
    event.preventDefault();
    if (form.dataset.state === "sending") return;
    const card = form.closest("[data-poll-id]");
    const pollId = Number(card.dataset.pollId);
    const content = ballotContent(form, event.submitter);
    if (!content) return;
    // One key per ballot: the same ballot sent again (after an error) keeps it.
    const signature = JSON.stringify(content);
    if (!form.dataset.key || form.dataset.signature !== signature) {
      form.dataset.key = newKey();
      form.dataset.signature = signature;
    }
    // Should the connection drop, the form posts itself with the same key.
    form.querySelector('input[name="key"]').value = form.dataset.key;
    const payload = { poll_id: pollId, ...content, key: form.dataset.key };
    const forAll = form.querySelector('input[name="for_all"]');
    if (forAll && forAll.checked && !forAll.closest("[hidden]")) payload.for_all = true;
    else if (form.dataset.me !== "true") payload.member_id = Number(form.dataset.memberId);
    const pressed = event.submitter;
    setBallotState(form, "sending");
    const ack = await live.emit("poll:vote", payload);
    if (!ack.ok) {
      form.dataset.errorCode = (ack.error && ack.error.code) || "timeout";
      setBallotState(form, "error", (ack.error && ack.error.message) || text("error-timeout"));
      if (pressed && pressed.isConnected) pressed.focus();
      return;
    }
    form.dataset.key = "";  // recorded: a change of mind is a new ballot
    const members = ack.members || [ack.member_id];
    const key = String(pollId);
    const entry = ballots[key] || { members: [], voted: [], names: {} };
    entry.voted = [...new Set([...entry.voted, ...members])];
    ballots[key] = entry;
    for (const memberId of members) {
      const done = card.querySelector(`form[data-ballot][data-member-id="${memberId}"]`);
      if (!done) continue;
      done.dataset.voted = "true";
      showContent(done, content.choice !== undefined ? [content.choice]
        : content.choices || null);
      setBallotState(done, "recorded");
    }
    if (pressed && pressed.isConnected && pressed.offsetParent !== null) pressed.focus();
  });

  // --- the clock and the first drawing -------------------------------------------------

  setInterval(() => tickCountdowns(root), 250);
  for (const poll of live.state.polls || []) merge(poll);
  fromServer(live.you);
  for (const form of root.querySelectorAll("form[data-ballot]")) enhanceRanking(form);
  draw();
  tickCountdowns(root);

  return {
    // Called by the page whenever the live connection brings a new state.
    update(state, you, changed) {
      if (changed.meeting) {
        for (const poll of state.polls || []) merge(poll);
        fromServer(you);
      }
      if (changed.agenda) for (const poll of state.agenda.polls || []) merge(poll);
      if (changed.agenda || changed.meeting) draw();
    },
  };
}
