// Follows an Asterisk queue_log like `tail -F` and ships its lines to the queue-log route.
// The file offset is committed (state file) only after the server acknowledged a batch, and
// the route derives event ids from the lines, so a crash or a retry re-sends lines at worst,
// which the server counts as duplicates: at-least-once delivery with exactly-once counting.
// Rotation (logrotate's rename + create) is seen as a new inode at the path, truncation
// (copytruncate) as a size below our offset. The file system comes in as an argument
// (FollowFs), so this folder stays free of I/O imports; the CLI passes node:fs.

/** What the follower needs of a file system; `open`, `stat` and `readText` reject with code 'ENOENT' for a missing path. */
export interface FollowFs {
  open(path: string): Promise<FollowFile>;
  stat(path: string): Promise<FileId>;
  readText(path: string): Promise<string>;
  /** Replaces `path` atomically (write a temporary file, then rename). */
  writeTextAtomic(path: string, text: string): Promise<void>;
}

export interface FollowFile {
  stat(): Promise<FileId>;
  /** Reads into `buf` from byte `position`; resolves to the number of bytes read (0 at the end). */
  read(buf: Buffer, position: number): Promise<number>;
  close(): Promise<void>;
}

export interface FileId {
  /** Device and inode as decimal strings (inodes can pass 2^53). */
  dev: string;
  ino: string;
  size: number;
}

export interface FollowState {
  /** Device and inode of the file the offset belongs to. */
  dev: string;
  ino: string;
  /** Byte offset just past the last line acknowledged. */
  offset: number;
}

export interface TailRead {
  lines: string[];
  /** Where the next read starts once these lines are handled; null while no file is open. */
  state: FollowState | null;
}

export interface Tail {
  /** Up to `maxLines` complete lines past the current position ([] when there is nothing new). */
  read(maxLines: number): Promise<TailRead>;
  close(): Promise<void>;
}

const CHUNK = 64 * 1024;
/** A "line" longer than this is cut: queue_log lines are short, this is a corrupt file. */
const MAX_LINE = 1024 * 1024;

function isMissing(err: unknown): boolean {
  return err instanceof Error && 'code' in err && err.code === 'ENOENT';
}

/**
 * A reader of `path` from `start.state` if it still describes the file there, else from the
 * beginning (`fromStart`, or a file that replaced the one the state was about) or the end.
 */
export function openTail(fs: FollowFs, path: string, start: { state: FollowState | null; fromStart: boolean }): Tail {
  let handle: FollowFile | null = null;
  let dev = '';
  let ino = '';
  let offset = 0;
  let opened = false;

  const current = (): FollowState | null => (handle === null ? null : { dev, ino, offset });

  async function openAt(first: boolean): Promise<FollowFile | null> {
    let h: FollowFile;
    try {
      h = await fs.open(path);
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
    const st = await h.stat();
    handle = h;
    dev = st.dev;
    ino = st.ino;
    const size = st.size;
    const saved = start.state;
    if (!first) offset = 0;
    else if (saved !== null && saved.dev === dev && saved.ino === ino) offset = saved.offset <= size ? saved.offset : 0;
    else if (saved !== null || start.fromStart) offset = 0;
    else offset = size;
    return h;
  }

  /** Complete lines from the open file; `flushPartial` also returns an unterminated tail. */
  async function readLines(h: FollowFile, maxLines: number, flushPartial: boolean): Promise<string[]> {
    const lines: string[] = [];
    let want = CHUNK;
    while (lines.length < maxLines) {
      const buf = Buffer.allocUnsafe(want);
      const bytesRead = await h.read(buf, offset);
      if (bytesRead === 0) break;
      let pos = 0;
      while (lines.length < maxLines) {
        const nl = buf.indexOf(0x0a, pos);
        if (nl === -1 || nl >= bytesRead) break;
        lines.push(buf.toString('utf8', pos, nl));
        pos = nl + 1;
      }
      if (pos > 0) {
        offset += pos;
        want = CHUNK;
        continue;
      }
      // No newline in what we read: either a line longer than the buffer, or a line still
      // being written (wait for it), or the last line of a rotated file (take it as it is).
      if (bytesRead === want && want < MAX_LINE) {
        want = Math.min(MAX_LINE, want * 2);
        continue;
      }
      if (bytesRead === want || flushPartial) {
        lines.push(buf.toString('utf8', 0, bytesRead));
        offset += bytesRead;
        continue;
      }
      break;
    }
    return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  }

  async function read(maxLines: number): Promise<TailRead> {
    let h = handle;
    if (h === null) {
      // Only the very first attempt may resume or start at the end; a file that appears
      // later (missing at start, or after a rotation) is read from its beginning.
      const first = !opened;
      opened = true;
      h = await openAt(first);
      if (h === null) return { lines: [], state: null };
    }
    const lines = await readLines(h, maxLines, false);
    if (lines.length > 0) return { lines, state: current() };

    let st: FileId;
    try {
      st = await fs.stat(path);
    } catch (err) {
      // Renamed away and not yet recreated: keep reading the old file meanwhile.
      if (isMissing(err)) return { lines, state: current() };
      throw err;
    }
    if (st.dev !== dev || st.ino !== ino) {
      // Rotated: the old file will grow no more, so its unterminated last line is complete.
      const tail = await readLines(h, maxLines, true);
      const oldState: FollowState = { dev, ino, offset };
      await h.close();
      handle = null;
      // The old file's last lines go first; the next read opens the new file at 0.
      if (tail.length > 0) return { lines: tail, state: oldState };
      const next = await openAt(false);
      if (next === null) return { lines: [], state: null };
      return { lines: await readLines(next, maxLines, false), state: current() };
    }
    if (st.size < offset) {
      offset = 0;
      return { lines: await readLines(h, maxLines, false), state: current() };
    }
    return { lines, state: current() };
  }

  return {
    read,
    async close() {
      if (handle !== null) await handle.close();
      handle = null;
    },
  };
}

// ---------------------------------------------------------------------------------------
// State file

export async function loadFollowState(fs: FollowFs, statePath: string): Promise<FollowState | null> {
  let text: string;
  try {
    text = await fs.readText(statePath);
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const dev: unknown = Reflect.get(parsed, 'dev');
  const ino: unknown = Reflect.get(parsed, 'ino');
  const offset: unknown = Reflect.get(parsed, 'offset');
  if (typeof dev !== 'string' || typeof ino !== 'string' || typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) return null;
  return { dev, ino, offset };
}

/** Atomic, so a crash never leaves half a state file. */
export async function saveFollowState(fs: FollowFs, statePath: string, state: FollowState): Promise<void> {
  await fs.writeTextAtomic(statePath, `${JSON.stringify(state)}\n`);
}

// ---------------------------------------------------------------------------------------
// Shipping

export interface HttpAnswer {
  status: number;
  text(): Promise<string>;
}

export interface FollowDeps {
  fs: FollowFs;
  fetch: (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string }) => Promise<HttpAnswer>;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  now: () => number;
  log: (level: 'info' | 'warn' | 'error', fields: Record<string, unknown>) => void;
}

export interface FollowOptions {
  file: string;
  /** Base URL of Pantau, e.g. https://pantau.example.go.id */
  url: string;
  key: string;
  statePath: string;
  fromStart: boolean;
  batchLines?: number;
  batchMs?: number;
  pollMs?: number;
  maxBackoffMs?: number;
}

/** A failure retrying cannot fix (bad key, wrong URL): the follower stops, offset untouched. */
export class FollowFatalError extends Error {
  override name = 'FollowFatalError';
  readonly code = 'FOLLOW_FATAL';
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export const QUEUE_LOG_PATH = '/api/v1/adapters/asterisk/queue-log';

function endpoint(base: string): string {
  return `${base.replace(/\/+$/, '')}${QUEUE_LOG_PATH}`;
}

function summary(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return {};
    const rejected: unknown = Reflect.get(parsed, 'rejected');
    return {
      accepted: Reflect.get(parsed, 'accepted'),
      duplicates: Reflect.get(parsed, 'duplicates'),
      rejected: Array.isArray(rejected) ? rejected.length : undefined,
      unmappedQueues: Reflect.get(parsed, 'unmappedQueues'),
    };
  } catch {
    return {};
  }
}

/**
 * POSTs lines until the server has them. Returns false only when aborted. 5xx, 429 and
 * network errors are retried with doubling backoff; 413 splits the batch; a 400 (every line
 * rejected) is logged and skipped, since sending the same lines again cannot succeed.
 */
export async function postLines(lines: readonly string[], opts: FollowOptions, deps: FollowDeps, signal: AbortSignal): Promise<boolean> {
  const maxBackoff = opts.maxBackoffMs ?? 30_000;
  for (let attempt = 0; !signal.aborted; attempt++) {
    let status = 0;
    let body = '';
    try {
      const res = await deps.fetch(endpoint(opts.url), {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8', authorization: `Bearer ${opts.key}` },
        body: `${lines.join('\n')}\n`,
      });
      status = res.status;
      body = await res.text();
    } catch (err) {
      deps.log('warn', { msg: 'post failed', err: err instanceof Error ? err.message : String(err), attempt, lines: lines.length });
    }
    if (status === 200 || status === 207) {
      deps.log('info', { msg: 'posted', status, lines: lines.length, ...summary(body) });
      return true;
    }
    if (status === 400) {
      deps.log('error', { msg: 'server rejected every line; skipping them', status, lines: lines.length, ...summary(body) });
      return true;
    }
    if (status === 413 && lines.length > 1) {
      const half = Math.ceil(lines.length / 2);
      return (await postLines(lines.slice(0, half), opts, deps, signal)) && postLines(lines.slice(half), opts, deps, signal);
    }
    if (status !== 0 && status !== 429 && status < 500) {
      throw new FollowFatalError(status, `server answered ${status}: ${body.slice(0, 200)}`);
    }
    if (status !== 0) deps.log('warn', { msg: 'server busy or failing; will retry', status, attempt, lines: lines.length });
    await deps.sleep(Math.min(maxBackoff, 1000 * 2 ** Math.min(attempt, 20)), signal);
  }
  return false;
}

/** Runs until `signal` aborts (resolves) or a fatal answer (rejects with FollowFatalError). */
export async function followQueueLog(opts: FollowOptions, deps: FollowDeps, signal: AbortSignal): Promise<void> {
  const batchLines = opts.batchLines ?? 500;
  const batchMs = opts.batchMs ?? 1000;
  const pollMs = opts.pollMs ?? 250;
  const saved = await loadFollowState(deps.fs, opts.statePath);
  const tail = openTail(deps.fs, opts.file, { state: saved, fromStart: opts.fromStart });
  let batch: string[] = [];
  let firstAt = 0;
  let committed = saved;
  try {
    while (!signal.aborted) {
      const want = batchLines - batch.length;
      const { lines, state } = await tail.read(want);
      const useful = lines.filter((l) => l.trim() !== '');
      if (useful.length > 0 && batch.length === 0) firstAt = deps.now();
      batch.push(...useful);
      if (batch.length >= batchLines || (batch.length > 0 && deps.now() - firstAt >= batchMs)) {
        if (!(await postLines(batch, opts, deps, signal))) break;
        batch = [];
      }
      // Commit only when nothing read is unsent; lines read but not posted when we stop are
      // read again by the next run.
      if (batch.length === 0 && state !== null && !sameState(state, committed)) {
        await saveFollowState(deps.fs, opts.statePath, state);
        committed = state;
      }
      if (lines.length < want) await deps.sleep(pollMs, signal);
    }
  } finally {
    await tail.close();
  }
}

function sameState(a: FollowState, b: FollowState | null): boolean {
  return b !== null && a.dev === b.dev && a.ino === b.ino && a.offset === b.offset;
}
