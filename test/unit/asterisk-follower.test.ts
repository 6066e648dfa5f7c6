import { appendFile, mkdtemp, readFile, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FollowFatalError, followQueueLog, loadFollowState, openTail, postLines, saveFollowState, type FollowDeps, type FollowOptions, type HttpAnswer, type Tail,
} from '../../server/adapters/queue-log-follower.ts';
import { nodeFollowFs as fs } from '../../server/cli/follow-queue-log.ts';

let dir = '';
let file = '';
const tails: Tail[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pantau-follow-'));
  file = join(dir, 'queue_log');
});
afterEach(async () => {
  for (const t of tails.splice(0)) await t.close();
  await rm(dir, { recursive: true, force: true });
});
const tailOf = (opts: Parameters<typeof openTail>[2]): Tail => {
  const t = openTail(fs, file, opts);
  tails.push(t);
  return t;
};

describe('openTail', () => {
  it('starts at the end unless told to start at the beginning', async () => {
    await writeFile(file, 'old-1\nold-2\n');
    const fromEnd = tailOf({ state: null, fromStart: false });
    expect((await fromEnd.read(10)).lines).toEqual([]);
    await appendFile(file, 'new-1\n');
    expect((await fromEnd.read(10)).lines).toEqual(['new-1']);
    const fromStart = tailOf({ state: null, fromStart: true });
    expect((await fromStart.read(10)).lines).toEqual(['old-1', 'old-2', 'new-1']);
  });

  it('holds back a line until its newline is written, and honours maxLines', async () => {
    await writeFile(file, 'a\nb\nc\r\nhalf');
    const t = tailOf({ state: null, fromStart: true });
    expect((await t.read(2)).lines).toEqual(['a', 'b']);
    expect((await t.read(10)).lines).toEqual(['c']);
    expect((await t.read(10)).lines).toEqual([]);
    await appendFile(file, '-done\n');
    expect((await t.read(10)).lines).toEqual(['half-done']);
  });

  it('follows a rename rotation: the old file is drained (last partial line included), then the new one from 0', async () => {
    await writeFile(file, 'one\n');
    const t = tailOf({ state: null, fromStart: true });
    expect((await t.read(10)).lines).toEqual(['one']);
    await rename(file, `${file}.1`);
    // Asterisk may still write to the old file until it reopens its log.
    await appendFile(`${file}.1`, 'two\nthree-no-newline');
    expect((await t.read(10)).lines).toEqual(['two']);
    await writeFile(file, 'four\n');
    const r = await t.read(10);
    expect(r.lines).toEqual(['three-no-newline']);
    expect((await t.read(10)).lines).toEqual(['four']);
  });

  it('keeps reading the old file while the path is missing after a rename', async () => {
    await writeFile(file, 'one\n');
    const t = tailOf({ state: null, fromStart: true });
    await t.read(10);
    await rename(file, `${file}.1`);
    expect((await t.read(10)).lines).toEqual([]);
    await appendFile(`${file}.1`, 'late\n');
    expect((await t.read(10)).lines).toEqual(['late']);
  });

  it('starts over after a truncation (copytruncate)', async () => {
    await writeFile(file, 'aaaa\nbbbb\n');
    const t = tailOf({ state: null, fromStart: true });
    expect((await t.read(10)).lines).toEqual(['aaaa', 'bbbb']);
    await truncate(file, 0);
    await appendFile(file, 'c\n');
    expect((await t.read(10)).lines).toEqual(['c']);
  });

  it('resumes from a saved state of the same file, and from 0 on a file that replaced it', async () => {
    await writeFile(file, 'a\nb\n');
    const first = tailOf({ state: null, fromStart: true });
    const r = await first.read(1);
    expect(r.lines).toEqual(['a']);
    const state = r.state;
    if (state === null) throw new Error('no state');
    expect(state.offset).toBe(2);
    await appendFile(file, 'c\n');
    expect((await tailOf({ state, fromStart: false }).read(10)).lines).toEqual(['b', 'c']);
    await rename(file, `${file}.1`);
    await writeFile(file, 'x\n');
    expect((await tailOf({ state, fromStart: false }).read(10)).lines).toEqual(['x']);
  });

  it('reads a file that appears after the start from its beginning', async () => {
    const t = tailOf({ state: null, fromStart: false });
    expect(await t.read(10)).toEqual({ lines: [], state: null });
    await writeFile(file, 'first\n');
    expect((await t.read(10)).lines).toEqual(['first']);
  });

  it('counts offsets in bytes, not characters', async () => {
    await writeFile(file, 'Pelapor: Ibu Siti — RT 03\nnext\n');
    const t = tailOf({ state: null, fromStart: true });
    const r = await t.read(1);
    expect(r.lines).toEqual(['Pelapor: Ibu Siti — RT 03']);
    expect(r.state?.offset).toBe(Buffer.byteLength('Pelapor: Ibu Siti — RT 03\n'));
    expect((await t.read(1)).lines).toEqual(['next']);
  });
});

describe('state file', () => {
  it('round-trips and tolerates a missing or broken file', async () => {
    const p = join(dir, 'state.json');
    expect(await loadFollowState(fs, p)).toBeNull();
    await saveFollowState(fs, p, { dev: '1', ino: '99', offset: 42 });
    expect(await loadFollowState(fs, p)).toEqual({ dev: '1', ino: '99', offset: 42 });
    await writeFile(p, '{"dev":');
    expect(await loadFollowState(fs, p)).toBeNull();
  });
});

// A scripted server: each call takes the next answer (a status, or 'network' for a throw).
function fakeServer(script: (number | 'network')[], onPost: (body: string) => void = () => {}) {
  const bodies: string[] = [];
  const sleeps: number[] = [];
  const logs: string[] = [];
  const ctrl = new AbortController();
  let clock = 0;
  const deps: FollowDeps = {
    fs,
    async fetch(url, init): Promise<HttpAnswer> {
      expect(url).toBe('http://pantau.test/api/v1/adapters/asterisk/queue-log');
      expect(init.headers['authorization']).toBe('Bearer k-123456789');
      expect(init.headers['content-type']).toMatch(/^text\/plain/);
      bodies.push(init.body);
      onPost(init.body);
      const next = script.shift() ?? 200;
      if (next === 'network') throw new Error('ECONNREFUSED');
      return { status: next, text: async () => JSON.stringify({ accepted: 1, duplicates: 0, rejected: [] }) };
    },
    async sleep(ms) {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
    log: (level, fields) => logs.push(`${level} ${String(fields['msg'])}`),
  };
  return { deps, bodies, sleeps, logs, ctrl };
}

describe('postLines', () => {
  const opts = (): FollowOptions => ({ file, url: 'http://pantau.test/', key: 'k-123456789', statePath: join(dir, 's'), fromStart: true });

  it('retries network errors and 5xx with doubling backoff, sending the same lines', async () => {
    const s = fakeServer(['network', 503, 502, 200]);
    expect(await postLines(['l1', 'l2'], opts(), s.deps, s.ctrl.signal)).toBe(true);
    expect(s.bodies).toEqual(Array(4).fill('l1\nl2\n'));
    expect(s.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('splits a batch the server finds too large', async () => {
    const s = fakeServer([413, 200, 200]);
    expect(await postLines(['a', 'b', 'c'], opts(), s.deps, s.ctrl.signal)).toBe(true);
    expect(s.bodies).toEqual(['a\nb\nc\n', 'a\nb\n', 'c\n']);
  });

  it('stops on a bad key without retrying', async () => {
    const s = fakeServer([401]);
    await expect(postLines(['a'], opts(), s.deps, s.ctrl.signal)).rejects.toBeInstanceOf(FollowFatalError);
    expect(s.bodies).toHaveLength(1);
  });

  it('skips lines the server rejected entirely (400)', async () => {
    const s = fakeServer([400]);
    expect(await postLines(['junk'], opts(), s.deps, s.ctrl.signal)).toBe(true);
    expect(s.logs).toContain('error server rejected every line; skipping them');
  });
});

describe('followQueueLog', () => {
  it('batches new lines, survives a failing server without losing any, and commits the offset after success', async () => {
    const lines = Array.from({ length: 7 }, (_, i) => `1795402800|c${i}|112|NONE|ENTERQUEUE||0812|1`);
    await writeFile(file, `${lines.join('\n')}\n`);
    const statePath = join(dir, 'state.json');
    let posts = 0;
    const s = fakeServer([503, 'network', 200, 200], () => {
      posts += 1;
    });
    // Stop once both batches are in.
    const origSleep = s.deps.sleep;
    s.deps.sleep = async (ms, signal) => {
      if (posts >= 4) s.ctrl.abort();
      await origSleep(ms, signal);
    };
    await followQueueLog({ file, url: 'http://pantau.test', key: 'k-123456789', statePath, fromStart: true, batchLines: 5, batchMs: 1000, pollMs: 250 }, s.deps, s.ctrl.signal);
    // 5 lines (full batch) tried three times, then the remaining 2 after the 1 s batch window.
    expect(s.bodies).toEqual([
      ...Array(3).fill(`${lines.slice(0, 5).join('\n')}\n`),
      `${lines.slice(5).join('\n')}\n`,
    ]);
    expect((await loadFollowState(fs, statePath))?.offset).toBe((await readFile(file)).length);
  });

  it('leaves the offset where it was when stopped before the server took the lines', async () => {
    await writeFile(file, 'x|y\n');
    const statePath = join(dir, 'state.json');
    const s = fakeServer([503, 503, 503]);
    s.deps.sleep = async () => {
      if (s.bodies.length >= 2) s.ctrl.abort();
    };
    await followQueueLog({ file, url: 'http://pantau.test', key: 'k-123456789', statePath, fromStart: true, batchLines: 1 }, s.deps, s.ctrl.signal);
    expect(await loadFollowState(fs, statePath)).toBeNull();
  });
});
