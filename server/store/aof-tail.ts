// Repairs an AOF that a crash cut inside a MULTI/EXEC block, before redis-server loads it.
//
// Why: Redis writes a Lua script's effects to the AOF as one MULTI … EXEC block. When the
// process dies in the middle of that write (SIGKILL, OOM killer, power loss), the file ends
// with part of the block. Redis 7.0 (`aof-load-truncated yes`) then truncates the file after the
// last *complete command*, which can leave `MULTI` and the first commands of the script in the
// file with no EXEC. The data it loads is right, but it keeps appending behind that fragment,
// and at the next start the fragment is glued onto the next transaction and executed: half of
// a script (say, a KPI HINCRBY without its XADD) is applied after all. Reproduced with
// redis-server 7.0.15; valkey fixed the loader in valkey-io/valkey#4342. Cutting the file
// before the unfinished MULTI, as the loader should, removes a block whose reply was never sent.
import { closeSync, existsSync, fstatSync, ftruncateSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';

export interface AofRepair {
  file: string;
  /** Length before and after. */
  fromBytes: number;
  toBytes: number;
}

export interface AofTailReport {
  repaired: AofRepair[];
  /** Files already damaged by an earlier start (see Scan 'nested-multi'), with the offset. */
  damaged: { file: string; multiAt: number }[];
}

const CHUNK = 1 << 20;

/** Reads a file forward from an offset in large chunks; lines end with \r\n. */
class Reader {
  private buf = Buffer.alloc(0);
  private bufAt = 0;
  pos = 0;
  constructor(private readonly fd: number, readonly size: number) {}

  private fill(at: number, min: number): void {
    const len = Math.min(Math.max(CHUNK, min), this.size - at);
    const next = Buffer.alloc(Math.max(len, 0));
    let got = 0;
    while (got < next.length) {
      const n = readSync(this.fd, next, got, next.length - got, at + got);
      if (n === 0) break;
      got += n;
    }
    this.buf = next.subarray(0, got);
    this.bufAt = at;
  }

  /** The line at pos without its \r\n (and moves past it), or null if the file ends first. */
  line(): string | null {
    for (let want = 64; ; want *= 4) {
      const start = this.pos - this.bufAt;
      if (start < 0 || start + want > this.buf.length) this.fill(this.pos, want);
      const i = this.buf.indexOf('\r\n', this.pos - this.bufAt);
      if (i >= 0) {
        const text = this.buf.toString('latin1', this.pos - this.bufAt, i);
        this.pos = this.bufAt + i + 2;
        return text;
      }
      if (this.bufAt + this.buf.length >= this.size) return null;
    }
  }

  /** `n` bytes at pos (for command names only: short), or null past the end. */
  bytes(n: number): string | null {
    if (this.pos + n > this.size) return null;
    if (this.pos - this.bufAt < 0 || this.pos - this.bufAt + n > this.buf.length) this.fill(this.pos, n);
    return this.buf.toString('latin1', this.pos - this.bufAt, this.pos - this.bufAt + n);
  }
}

type Scan =
  | { kind: 'clean' }
  /** The file ends inside an unfinished MULTI block that starts at `multiAt`. */
  | { kind: 'open-multi'; multiAt: number }
  /**
   * A MULTI inside an open MULTI: a Redis without this repair already truncated inside a
   * block and appended behind it. Cutting a block out of the middle is redis-check-aof's job;
   * this only reports it.
   */
  | { kind: 'nested-multi'; multiAt: number }
  /** Something that is not RESP: left for redis-server to report. */
  | { kind: 'unreadable' };

/** Walks the commands of one AOF file (RESP arrays, `#` annotation lines). */
function scan(r: Reader): Scan {
  let multiAt: number | null = null;
  for (;;) {
    if (r.pos >= r.size) return multiAt === null ? { kind: 'clean' } : { kind: 'open-multi', multiAt };
    const commandAt = r.pos;
    const header = r.line();
    // A cut inside a command: only a problem when a MULTI before it is still open.
    const cut = (): Scan => (multiAt === null ? { kind: 'clean' } : { kind: 'open-multi', multiAt });
    if (header === null) return cut();
    if (header.startsWith('#')) continue;
    if (!/^\*\d+$/.test(header)) return { kind: 'unreadable' };
    const argc = Number(header.slice(1));
    let name = '';
    for (let j = 0; j < argc; j++) {
      const bulk = r.line();
      if (bulk === null) return cut();
      if (!/^\$\d+$/.test(bulk)) return { kind: 'unreadable' };
      const len = Number(bulk.slice(1));
      if (j === 0 && len <= 16) name = (r.bytes(len) ?? '').toUpperCase();
      if (r.pos + len + 2 > r.size) return cut();
      r.pos += len + 2;
    }
    if (name === 'MULTI' && multiAt !== null) return { kind: 'nested-multi', multiAt };
    if (name === 'MULTI') multiAt = commandAt;
    else if (name === 'EXEC' || name === 'DISCARD') multiAt = null;
  }
}

/** The incremental AOF files a manifest lists, in load order. */
function incrFiles(aofDir: string): string[] {
  const manifest = readdirManifest(aofDir);
  if (!manifest) return [];
  const out: string[] = [];
  for (const line of readFileSync(manifest, 'utf8').split('\n')) {
    // `file appendonly.aof.3.incr.aof seq 3 type i`; names with spaces come quoted (never ours).
    const m = /^file (\S+) seq \d+ type i\s*$/.exec(line.trim());
    if (m?.[1]) out.push(join(aofDir, m[1]));
  }
  return out;
}

/** Redis names the manifest after `appendfilename`, which Pantau leaves at its default. */
function readdirManifest(aofDir: string): string | null {
  const p = join(aofDir, 'appendonly.aof.manifest');
  return existsSync(p) ? p : null;
}

/**
 * Cuts every incremental AOF file of `aofDir` (Redis 7's appenddirname folder) that ends inside
 * an unfinished MULTI back to where that MULTI starts. Run it while redis-server is stopped.
 */
export function repairAofTail(aofDir: string): AofTailReport {
  const report: AofTailReport = { repaired: [], damaged: [] };
  for (const file of incrFiles(aofDir)) {
    if (!existsSync(file)) continue;
    const fd = openSync(file, 'r+');
    try {
      const size = fstatSync(fd).size;
      const result = scan(new Reader(fd, size));
      if (result.kind === 'open-multi') {
        ftruncateSync(fd, result.multiAt);
        report.repaired.push({ file, fromBytes: size, toBytes: result.multiAt });
      } else if (result.kind === 'nested-multi') {
        report.damaged.push({ file, multiAt: result.multiAt });
      }
    } finally {
      closeSync(fd);
    }
  }
  return report;
}
