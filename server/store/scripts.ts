// Loads the Lua scripts once and registers them as ioredis commands, which run as EVALSHA
// (falling back to EVAL on NOSCRIPT) and pipeline like any other command.
import { readFileSync } from 'node:fs';
import type { Redis, Result } from 'ioredis';

const dir = new URL('./lua/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, dir), 'utf8');

declare module 'ioredis' {
  interface RedisCommander<Context> {
    pantauApplyEvent(
      stream: string, dedupeKey: string, base: string, eventJson: string, enrichJson: string,
      principal: string, dedupeField: string, dedupeTtlSeconds: number, minId: string,
    ): Result<string | 0, Context>;
    pantauProjectEvent(stream: string, base: string, eventJson: string, enrichJson: string): Result<number, Context>;
    pantauReadState(stream: string, base: string, cityDay: string, alertsSinceMs: number): Result<ReadStateReply, Context>;
  }
}

export type FlatHash = string[];
type Pairs = (string | FlatHash)[];
export type ReadStateReply = [string, Pairs, Pairs, Pairs, number, Pairs];

let sources: { apply: string; project: string; readState: string } | undefined;

function loadSources(): { apply: string; project: string; readState: string } {
  if (!sources) {
    const projection = read('project.lua');
    sources = {
      apply: `${projection}\n${read('apply-event.lua')}`,
      project: `${projection}\n${read('project-event.lua')}`,
      readState: read('read-state.lua'),
    };
  }
  return sources;
}

/** Registers Pantau's commands on a connection (idempotent per connection). */
export function defineScripts(redis: Redis): Redis {
  if (typeof redis.pantauApplyEvent === 'function') return redis;
  const s = loadSources();
  redis.defineCommand('pantauApplyEvent', { numberOfKeys: 2, lua: s.apply });
  redis.defineCommand('pantauProjectEvent', { numberOfKeys: 1, lua: s.project });
  redis.defineCommand('pantauReadState', { numberOfKeys: 1, lua: s.readState });
  return redis;
}
