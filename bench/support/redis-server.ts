// The benchmark's own redis-server: a free port, no persistence (both the HTTP and the raw
// path write to it, so neither pays for an AOF the other skips), stopped at the end.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { defineScripts } from '../../server/store/scripts.ts';
import { freePort, waitForRedis } from '../../test/support/redis-process.ts';

export interface BenchRedis {
  url: string;
  version: string;
  /** A fresh connection with Pantau's Lua commands defined. */
  connect(): Redis;
  /** INFO memory's used_memory, in bytes. */
  usedMemory(): Promise<number>;
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<BenchRedis> {
  const version = /v=(\S+)/.exec(spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout)?.[1] ?? 'unknown';
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pantau-bench-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  await waitForRedis(port, child);
  const url = `redis://127.0.0.1:${port}`;
  const admin = new Redis(url);
  const opened: Redis[] = [admin];
  return {
    url,
    version,
    connect() {
      const r = defineScripts(new Redis(url, { maxRetriesPerRequest: null }));
      opened.push(r);
      return r;
    },
    async usedMemory() {
      const info = await admin.info('memory');
      return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
    },
    async flush() {
      await admin.flushall();
    },
    async stop() {
      await Promise.allSettled(opened.map((r) => r.quit()));
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
