// Load generator for bench/live_vote.py: one whole live vote, as residents do it.
//
//   node bench/live_vote.js '{"url": "http://127.0.0.1:5000", "meetingId": 2, "n": 200,
//                             "password": "...", "pid": 1234}'
//
// Optional keys: spreadMs (1000), waitMs (20000), retryShare (0.05), pageSize
// and clkTck (from the driver, for /proc), chair ("chair"), seed.
//
// Signs in the chair and resident001 ... residentN (POST /api/v1/tokens),
// connects each over the websocket transport (one real connection each),
// joins the meeting's room and checks in. The chair finds the draft poll on
// the current item in the meeting:join snapshot and opens it; every resident
// votes once at a random moment within spreadMs, with an idempotency key,
// and a share of them send the same ballot twice (a double tap or a retry
// after a lost ack). After every ack, the chair closes the poll. Reads the
// stored result through the API. Then the hall's connection drops and every
// resident reconnects and rejoins at once. Prints one JSON line of results on stdout;
// progress goes to stderr. The server's memory and CPU come from /proc/<pid>.
'use strict';
const fs = require('fs');
const { io } = require('socket.io-client');

const cfg = { spreadMs: 1000, waitMs: 20000, retryShare: 0.05, pageSize: 4096, clkTck: 100,
  chair: 'chair', seed: 1, ...JSON.parse(process.argv[2]) };
const N = cfg.n;
const PARALLEL_CONNECTS = 50; // more would overflow small listen backlogs
const PARALLEL_SIGN_INS = 20;
const CHOICES = ['yes', 'no', 'abstain'];
const OPTS = { transports: ['websocket'], reconnection: false, timeout: 20000, forceNew: true };

const now = () => performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (msg) => process.stderr.write(`  [live_vote] ${msg}\n`);
const call = (sock, event, data) => sock.timeout(30000).emitWithAck(event, data);
const round = (x, digits = 1) => (x == null ? null : Number(x.toFixed(digits)));
const pct = (xs, p) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
let seed = cfg.seed; // a small deterministic PRNG: the same votes in every run
const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };

function rss() {
  return Number(fs.readFileSync(`/proc/${cfg.pid}/statm`, 'utf8').split(' ')[1]) * cfg.pageSize;
}
function cpuSeconds() { // utime + stime of the server process
  const stat = fs.readFileSync(`/proc/${cfg.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / cfg.clkTck;
}

async function pool(items, parallel, fn) {
  let next = 0;
  const worker = async () => { while (next < items.length) { const i = next++; await fn(items[i], i); } };
  await Promise.all(Array.from({ length: parallel }, worker));
}

async function signIn(username) {
  const res = await fetch(`${cfg.url}/api/v1/tokens`, { method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: cfg.password }) });
  if (res.status !== 201) throw new Error(`sign-in ${username}: HTTP ${res.status}`);
  return (await res.json()).token;
}

function connect(token) {
  return new Promise((resolve, reject) => {
    const sock = io(`${cfg.url}/live`, { ...OPTS, auth: { token } });
    sock.once('connect', () => resolve(sock));
    sock.once('connect_error', (err) => { sock.close(); reject(err); });
  });
}

function findPoll(state) {
  const polls = (state.agenda && state.agenda.polls) || state.polls || [];
  const current = state.agenda && state.agenda.current_item_id;
  return polls.find((p) => p.status === 'draft' && p.kind === 'yes_no_abstain'
    && (current == null || p.agenda_item_id === current));
}

// What the server stored, read after close: the API if it answers, else the
// result carried by poll:closed (both are counted from the stored ballots).
async function storedResult(token, pollId, closedPayload) {
  try {
    const res = await fetch(`${cfg.url}/api/v1/polls/${pollId}`,
      { headers: { authorization: `Bearer ${token}` } });
    if (res.ok) {
      const body = await res.json();
      const p = body.poll || body;
      const r = p.result || p;
      if (r.turnout && r.tally) return { source: 'api', turnout: r.turnout, tally: r.tally };
    }
  } catch (err) { /* fall through */ }
  const r = closedPayload && (closedPayload.result || closedPayload);
  return r && r.turnout ? { source: 'poll:closed', turnout: r.turnout, tally: r.tally } : null;
}

async function main() {
  const result = { clients: N, errors: {} };
  const sockets = [];
  try {
    await run(result, sockets);
  } catch (err) { // a phase failed: report what was measured until then
    result.error = String(err.message || err);
    log(`failed: ${err.stack || err}`);
  }
  process.stdout.write(JSON.stringify(result) + '\n');
  for (const sock of sockets) sock.close();
}

async function run(result, sockets) {
  const note = (what) => { result.errors[what] = (result.errors[what] || 0) + 1; };
  const usernames = Array.from({ length: N }, (_, i) => `resident${String(i + 1).padStart(3, '0')}`);

  // 1. Sign in (HTTP), the chair first.
  let t = now();
  const cpuStart = cpuSeconds();
  const chairToken = await signIn(cfg.chair);
  const tokens = new Array(N).fill(null);
  await pool(usernames, PARALLEL_SIGN_INS, async (u, i) => {
    try { tokens[i] = await signIn(u); } catch (err) { note(err.message.replace(/resident\d+/, 'residentN')); }
  });
  result.sign_in_s = round((now() - t) / 1000, 2);
  result.signed_in = tokens.filter(Boolean).length;
  log(`${result.signed_in}/${N} signed in in ${result.sign_in_s} s`);

  // 2. The chair joins (which also warms up the server's websocket path) and finds the poll.
  const chair = await connect(chairToken);
  sockets.push(chair);
  let chairClosed = null;
  chair.on('poll:closed', (p) => { chairClosed = p; });
  const joined = await call(chair, 'meeting:join', { meeting_id: cfg.meetingId });
  if (!joined.ok) throw new Error(`chair join: ${JSON.stringify(joined.error)}`);
  const poll = findPoll(joined.state);
  if (!poll) throw new Error('no draft yes/no/abstain poll on the current item');
  result.poll_id = poll.id;
  await sleep(500);
  result.rss_before = rss();

  // 3. Residents connect, join and check in.
  const clients = [];
  t = now();
  const cpuConnect = cpuSeconds();
  await pool(tokens.map((token, i) => [token, i]).filter(([tk]) => tk), PARALLEL_CONNECTS,
    async ([token, i]) => {
      let sock = null;
      try {
        sock = await connect(token);
        sockets.push(sock);
        const c = { sock, i, best: 0, bestAt: 0, openedAt: null, closedAt: null, dropped: false };
        sock.on('poll:opened', (p) => { if (p.id === poll.id) c.openedAt = now(); });
        sock.on('poll:tally', (p) => {
          if (p.poll_id === poll.id && p.turnout.count > c.best) { c.best = p.turnout.count; c.bestAt = now(); }
        });
        sock.on('poll:closed', (p) => { if (p.id === poll.id && c.closedAt === null) c.closedAt = now(); });
        sock.on('disconnect', () => { c.dropped = true; });
        const join = await call(sock, 'meeting:join', { meeting_id: cfg.meetingId });
        if (!join.ok) throw new Error(`join: ${join.error.code}`);
        const checkIn = await call(sock, 'attendance:check_in', { meeting_id: cfg.meetingId });
        if (!checkIn.ok) throw new Error(`check_in: ${checkIn.error.code}`);
        clients.push(c);
      } catch (err) {
        if (sock) sock.close();
        note(err.message);
      }
    });
  result.connect_s = round((now() - t) / 1000, 2);
  result.connected = clients.length;
  result.cpu_connect_s = round(cpuSeconds() - cpuConnect, 2);
  log(`${clients.length}/${N} connected, joined and checked in in ${result.connect_s} s`);
  await sleep(1000); // let the server settle before reading its memory
  result.rss_connected = rss();
  result.rss_per_client = clients.length ? (result.rss_connected - result.rss_before) / clients.length : null;

  // 4. The chair opens the poll (entitlement is frozen now: everyone checked in).
  const cpuVote = cpuSeconds();
  const clientCpuVote = process.cpuUsage();
  t = now();
  const opened = await call(chair, 'poll:open', { poll_id: poll.id });
  if (!opened.ok) throw new Error(`poll:open: ${JSON.stringify(opened.error)}`);
  result.open_ack_ms = round(now() - t);
  const openDeadline = now() + cfg.waitMs;
  while (clients.some((c) => c.openedAt === null) && now() < openDeadline) await sleep(10);
  const openedAt = clients.filter((c) => c.openedAt !== null).map((c) => c.openedAt - t);
  result.opened_received = openedAt.length;
  result.opened_max_ms = openedAt.length ? round(Math.max(...openedAt)) : null;

  // 5. Everyone votes once at a random moment within spreadMs; some send it twice.
  // Every ack resolves (ok, refused, or timed out after 30 s), so all are awaited.
  const live = clients.filter((c) => !c.dropped);
  const ackMs = [];
  const timeline = [];
  let sent = 0, acked = 0, retries = 0, retriesOk = 0, changed = 0, lastVoteAt = 0;
  const count = (ack) => { acked += 1; if (ack.ok && ack.changed) changed += 1; return ack.ok; };
  const acks = live.map((c) => {
    const r = random();
    c.choice = r < 0.6 ? 'yes' : r < 0.85 ? 'no' : 'abstain';
    const vote = { poll_id: poll.id, choice: c.choice,
      key: `bench-${poll.id}-${c.i}-${Math.floor(random() * 1e9)}` };
    const twice = random() < cfg.retryShare;
    const at = random() * cfg.spreadMs;
    c.ok = false;
    c.unsure = false; // no ok ack, but one timed out: the ballot may or may not be stored
    return new Promise((resolve) => setTimeout(() => {
      const t0 = now();
      sent += 1;
      lastVoteAt = Math.max(lastVoteAt, t0);
      const first = call(c.sock, 'poll:vote', vote).then((ack) => {
        ackMs.push(now() - t0);
        timeline.push([t0, now() - t0]);
        if (count(ack)) c.ok = true; else note(`vote: ${ack.error.code}`);
      }, (err) => { c.unsure = true; note(`vote: ${err.message}`); });
      const second = twice ? sleep(random() * 50).then(() => {
        retries += 1;
        return call(c.sock, 'poll:vote', vote);
      }).then((ack) => {
        if (count(ack)) { c.ok = true; retriesOk += 1; } else note(`retry: ${ack.error.code}`);
      }, (err) => { c.unsure = true; note(`retry: ${err.message}`); }) : null;
      Promise.all([first, second]).then(resolve);
    }, at));
  });
  await Promise.all(acks);
  const expected = { yes: 0, no: 0, abstain: 0 };
  const unsure = { yes: 0, no: 0, abstain: 0 };
  for (const c of live) {
    if (c.ok) expected[c.choice] += 1;
    else if (c.unsure) unsure[c.choice] += 1;
  }
  const okVotes = live.filter((c) => c.ok).length;
  result.votes_sent = sent;
  result.votes_ok = okVotes;
  result.votes_unsure = live.filter((c) => !c.ok && c.unsure).length;
  result.acks = acked;
  result.retries_sent = retries;
  result.retries_ok = retriesOk;
  result.changed_acks = changed; // a retry must never count as a change
  // The slowest ack of the votes sent in each tenth of a second: a server
  // that falls behind shows a rising line; one that holds answers back until
  // the burst is over shows a falling one.
  const t00 = Math.min(...timeline.map((x) => x[0]));
  const buckets = {};
  for (const [s0, ms] of timeline) { const b = Math.floor((s0 - t00) / 100); (buckets[b] = buckets[b] || []).push(ms); }
  result.ack_by_send_100ms = Object.keys(buckets).sort((a, b) => a - b).map((b) => Math.round(Math.max(...buckets[b])));
  result.ack_p50_ms = round(pct(ackMs, 50));
  result.ack_p95_ms = round(pct(ackMs, 95));
  result.ack_p99_ms = round(pct(ackMs, 99));
  result.ack_max_ms = ackMs.length ? round(Math.max(...ackMs)) : null;

  // 6. Until every client has seen a tally counting every acknowledged vote.
  const deadline = Math.max(lastVoteAt + cfg.waitMs, now() + 2000);
  while (!live.every((c) => c.best >= okVotes) && now() < deadline) await sleep(10);
  const full = live.filter((c) => c.best >= okVotes).map((c) => Math.max(0, c.bestAt - lastVoteAt));
  result.full_tally_received = full.length;
  result.full_tally_p50_ms = round(pct(full, 50));
  result.full_tally_max_ms = full.length ? round(Math.max(...full)) : null;
  result.cpu_vote_s = round(cpuSeconds() - cpuVote, 2);
  const used = process.cpuUsage(clientCpuVote); // was the load generator itself the limit?
  result.client_cpu_vote_s = round((used.user + used.system) / 1e6, 2);
  result.vote_phase_s = round((now() - t) / 1000, 2);

  // 7. The chair closes; until every client has poll:closed.
  t = now();
  const closed = await call(chair, 'poll:close', { poll_id: poll.id });
  if (!closed.ok) throw new Error(`poll:close: ${JSON.stringify(closed.error)}`);
  result.close_ack_ms = round(now() - t);
  const closeDeadline = t + cfg.waitMs;
  while (live.some((c) => c.closedAt === null) && now() < closeDeadline) await sleep(10);
  const closedMs = live.filter((c) => c.closedAt !== null).map((c) => c.closedAt - t);
  result.closed_received = closedMs.length;
  result.closed_p50_ms = round(pct(closedMs, 50));
  result.closed_max_ms = closedMs.length ? round(Math.max(...closedMs)) : null;
  while (chairClosed === null && now() < closeDeadline) await sleep(10);

  // 8. What was stored, against what was acknowledged, choice by choice.
  const stored = await storedResult(chairToken, poll.id, chairClosed);
  result.stored_source = stored ? stored.source : null;
  result.stored_count = stored ? stored.turnout.count : null;
  result.entitled_count = stored ? stored.turnout.entitled_count : null;
  result.expected = expected;
  result.unsure = unsure;
  if (stored) { // choice by choice: acknowledged ok <= stored <= ok + unsure
    let lost = 0, doubled = 0, unconfirmed = 0;
    for (const choice of CHOICES) {
      const got = stored.tally[choice].count;
      lost += Math.max(0, expected[choice] - got);
      doubled += Math.max(0, got - expected[choice] - unsure[choice]);
      unconfirmed += Math.max(0, Math.min(got - expected[choice], unsure[choice]));
    }
    result.lost = lost;
    result.doubled = doubled;
    result.stored_unconfirmed = unconfirmed; // stored although the voter saw no ok
  }
  result.dropped = clients.filter((c) => c.dropped).length;

  // 9. The hall's Wi-Fi drops: every resident's page reconnects and rejoins at
  // once, until each has the room again, with the closed poll and its own ballot.
  for (const c of live) c.sock.close();
  t = now();
  const cpuRejoin = cpuSeconds();
  let rejoined = 0;
  await pool(live, PARALLEL_CONNECTS, async (c) => {
    try {
      const sock = await connect(tokens[c.i]);
      sockets.push(sock);
      const join = await call(sock, 'meeting:join', { meeting_id: cfg.meetingId });
      if (!join.ok) throw new Error(`rejoin: ${join.error.code}`);
      const shown = (join.state.polls || []).find((p) => p.id === poll.id);
      const mine = ((join.you.ballots || {})[String(poll.id)] || {}).mine;
      if (!shown || shown.status !== 'closed') throw new Error('rejoin: poll not shown closed');
      if (c.ok && [].concat(mine).join() !== c.choice) throw new Error('rejoin: another ballot shown');
      rejoined += 1;
    } catch (err) {
      note(err.message);
    }
  });
  result.rejoin_s = round((now() - t) / 1000, 2);
  result.rejoined = rejoined;
  result.cpu_rejoin_s = round(cpuSeconds() - cpuRejoin, 2);
  log(`${rejoined}/${live.length} reconnected and rejoined in ${result.rejoin_s} s`);
  result.cpu_total_s = round(cpuSeconds() - cpuStart, 2);
  result.rss_end = rss();
}

main().then(() => process.exit(0), (err) => { log(`failed: ${err.stack || err}`); process.exit(1); });
