// A storm of tokenless Socket.IO clients, run as its own process (so the test that measures
// a wall's latency does not share an event loop with it):
//   node --import tsx test/support/anonymous-storm.ts <url> <sockets> <seconds>
// Each of the `sockets` loops connects with `auth: { position: '0-0' }` (a resume from the
// stream's origin), waits for its answer (a snapshot, a delta, a refusal or a close), closes and
// connects again, until `seconds` have passed. Prints `{ answered, refused, dropped }` as JSON.
import { io } from 'socket.io-client';

const [url = '', sockets = '30', seconds = '15'] = process.argv.slice(2);
const stats = { answered: 0, refused: 0, dropped: 0 };
const until = Date.now() + Number(seconds) * 1000;

const once = (): Promise<void> => new Promise((resolve) => {
  const s = io(url, { transports: ['websocket'], auth: { position: '0-0' }, reconnection: false, forceNew: true, timeout: 10_000 });
  let settled = false;
  const done = (outcome: keyof typeof stats): void => {
    if (settled) return;
    settled = true;
    stats[outcome] += 1;
    s.close();
    resolve();
  };
  s.once('snapshot', () => done('answered'));
  s.once('delta', () => done('answered'));
  s.once('connect_error', () => done('refused'));
  // Let in, then closed by the server before any answer (a failed welcome).
  s.once('disconnect', () => done('dropped'));
});

await Promise.all(Array.from({ length: Number(sockets) }, async () => {
  while (Date.now() < until) await once();
}));
process.stdout.write(`${JSON.stringify(stats)}\n`);
process.exit(0);
