// Load generator for bench/async_modes.py.
//
//   node bench/load.js URL CLIENTS [SPREAD_MS] [WAIT_MS]
//
// Connects CLIENTS socket.io clients (websocket transport, one connection
// each) to one room, has each vote once at a random moment within SPREAD_MS,
// then waits up to WAIT_MS after the last vote for every client to receive
// the tally that counts all votes. Prints one JSON line of results on stdout;
// progress goes to stderr. Node is used because one event loop drives
// thousands of sockets cheaply, leaving the server's core alone.
'use strict';
const { io } = require('socket.io-client');

const [url, clientsArg, spreadArg = '1000', waitArg = '20000'] = process.argv.slice(2);
const N = Number(clientsArg);
const SPREAD_MS = Number(spreadArg);
const WAIT_MS = Number(waitArg);
const ROOM = 'meeting:1';
const PARALLEL_CONNECTS = 50; // more would overflow small listen backlogs
const CONNECT_BUDGET_MS = 120000; // stop opening connections after this long
const OPTS = { transports: ['websocket'], reconnection: false, timeout: 20000,
  forceNew: true }; // forceNew: one real connection per client, no multiplexing

const now = () => performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (msg) => process.stderr.write(`  [load] ${msg}\n`);
const call = (sock, event, data) => sock.timeout(30000).emitWithAck(event, data);
// Admin calls must not abort the run: a struggling server still has numbers.
let adminError = null;
const adminCall = (sock, event) => call(sock, event).catch((err) => {
  adminError = `${event}: ${err.message}`;
  return { rss: null, votes: null, clients: null };
});
const pct = (xs, p) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

function connect() {
  return new Promise((resolve, reject) => {
    const sock = io(url, OPTS);
    sock.once('connect', () => resolve(sock));
    sock.once('connect_error', (err) => { sock.close(); reject(err); });
  });
}

async function main() {
  // The admin socket connects first, which also warms up the server's
  // websocket code path so that it is not counted as per-client memory.
  const admin = await connect();
  await call(admin, 'reset');
  await sleep(500);
  const rssBefore = (await call(admin, 'stats')).rss;

  const clients = [];
  const errors = {};
  let next = 0;
  const t0 = now();
  async function worker() {
    while (next < N && now() - t0 < CONNECT_BUDGET_MS) {
      next += 1;
      let sock = null;
      try {
        sock = await connect();
        const c = { sock, best: 0, bestAt: 0, dropped: false };
        sock.on('tally', (t) => { if (t.total > c.best) { c.best = t.total; c.bestAt = now(); } });
        sock.on('disconnect', () => { c.dropped = true; });
        await call(sock, 'join', { room: ROOM });
        clients.push(c);
      } catch (err) {
        if (sock) sock.close();
        errors[err.message] = (errors[err.message] || 0) + 1;
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL_CONNECTS }, worker));
  const connectS = (now() - t0) / 1000;
  log(`${clients.length}/${N} connected in ${connectS.toFixed(1)} s`);
  await sleep(1000); // let the server settle before reading its memory
  const connected = await adminCall(admin, 'stats');

  // Votes spread over SPREAD_MS, as if a meeting voted within a second.
  let sent = 0, acked = 0, lastVoteAt = 0;
  const ackMs = [];
  const live = clients.filter((c) => !c.dropped);
  await Promise.all(live.map((c, i) => new Promise((resolve) => {
    setTimeout(() => {
      const t = now();
      sent += 1;
      lastVoteAt = Math.max(lastVoteAt, t);
      call(c.sock, 'vote', { room: ROOM, choice: i % 3 === 0 ? 'no' : 'yes' })
        .then(() => { acked += 1; ackMs.push(now() - t); }, () => {});
      resolve();
    }, Math.random() * SPREAD_MS);
  })));

  // Wait for the final tally (total === votes sent) to reach every client.
  const deadline = lastVoteAt + WAIT_MS;
  const done = () => live.every((c) => c.best >= sent);
  while (!done() && now() < deadline) await sleep(10);
  const lat = live.filter((c) => c.best >= sent).map((c) => c.bestAt - lastVoteAt);
  await sleep(200); // late acks
  const after = await adminCall(admin, 'stats');

  const result = {
    clients: N,
    connected: clients.length,
    not_attempted: N - next,
    connect_errors: errors,
    connect_s: Number(connectS.toFixed(2)),
    server_clients: connected.clients === null ? null : connected.clients - 1, // minus admin
    rss_before: rssBefore,
    rss_connected: connected.rss,
    rss_per_client: clients.length && connected.rss
      ? (connected.rss - rssBefore) / clients.length : null,
    dropped: clients.filter((c) => c.dropped).length,
    votes_sent: sent,
    votes_acked: acked,
    votes_counted: after.votes, // the server was reset before connecting
    final_received: lat.length,
    final_p50_ms: pct(lat, 50),
    final_max_ms: lat.length ? Math.max(...lat) : null,
    ack_p50_ms: pct(ackMs, 50),
    ack_p99_ms: pct(ackMs, 99),
    rss_end: after.rss,
    admin_error: adminError,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
  for (const c of clients) c.sock.close();
  admin.close();
}

main().then(() => process.exit(0), (err) => { log(`failed: ${err.stack || err}`); process.exit(1); });
