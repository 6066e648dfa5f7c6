// Generated bad Asterisk queue_log lines. Each line is built with one defect and says what the
// adapter must make of it: refused with a rule, skipped as unmapped, ignored, or (an exact
// repeat of a line posted before) a duplicate. None may become a new event.
import type { Rng } from './fuzz-rng.ts';

export type LineExpect =
  | { kind: 'rejected'; rules: string[] }
  | { kind: 'unmapped' }
  | { kind: 'ignored' }
  | { kind: 'duplicate' };

/** `text` is UTF-8 text, or raw bytes for the binary lines. */
export interface FuzzLine { text: string | Buffer; expect: LineExpect; what: string }

const CALL_EVENTS = ['ENTERQUEUE', 'CONNECT', 'ABANDON', 'EXITWITHTIMEOUT', 'COMPLETECALLER', 'COMPLETEAGENT', 'TRANSFER'];
const AGENT_EVENTS = ['AGENTLOGIN', 'ADDMEMBER', 'AGENTLOGOFF', 'REMOVEMEMBER', 'PAUSE', 'UNPAUSE', 'PAUSEALL'];
const NOISE = 'abcXYZ019 |\t\\"\'{}[];:,.<>?/~`!@#$%^&*()_+-=é€\u0000\u0007\u200B\u202E\uFFFD';

const join = (f: readonly string[]): string => f.join('|');

export function createBadLineGenerator(rng: Rng, baselineLines: readonly string[]): () => FuzzLine {
  const epoch = (): string => String(rng.int(1_600_000_000, 1_900_000_000));
  const callid = (): string => `${rng.int(1_600_000_000, 1_900_000_000)}.${rng.int(1, 99_999)}`;
  const junk = (n: number): string => rng.string(n, NOISE.replace('|', ''));
  const rejected = (text: string, rules: string[], what: string): FuzzLine => ({ text, expect: { kind: 'rejected', rules }, what });

  const makers: (() => FuzzLine)[] = [
    () => {
      const n = rng.int(0, 3);
      const f = Array.from({ length: n + 1 }, () => junk(rng.int(0, 12)));
      f[0] = `Z${f[0] ?? ''}`;
      return rejected(join(f), ['too_few_fields'], `${n + 1} fields`);
    },
    () => {
      const bad = rng.pick(['', '0', '-5', '1.5', '123456789012', 'abc', '1e9', '١٢٣', '0x10', ' ', '+1']);
      return rejected(join([bad, callid(), '112', 'NONE', 'ENTERQUEUE', '', '0812']), ['bad_epoch'], `epoch ${JSON.stringify(bad)}`);
    },
    () => rejected(join([epoch(), callid(), '112', 'NONE', rng.pick(['', ' ', '\t'])]), ['no_event'], 'empty event'),
    () => rejected(join([epoch(), callid(), rng.pick(['', 'NONE']), 'NONE', rng.pick(CALL_EVENTS)]), ['no_queue'], 'call event without a queue'),
    () => rejected(join([epoch(), rng.pick(['', 'NONE']), '112', 'SIP/1', rng.pick(CALL_EVENTS)]), ['no_callid'], 'call event without a callid'),
    () => rejected(join([epoch(), 'c'.repeat(rng.int(129, 5_000)), '112', 'SIP/1', rng.pick(CALL_EVENTS)]), ['too_long'], 'callid too long'),
    () => rejected(join([epoch(), callid(), '119', rng.pick(['', 'NONE']), rng.pick(['CONNECT', 'RINGNOANSWER'])]), ['no_agent'], 'connect without a member'),
    () => rejected(join([epoch(), 'NONE', rng.pick(['112', 'NONE']), rng.pick(['', 'NONE']), rng.pick(AGENT_EVENTS)]), ['no_agent'], 'agent event without a member'),
    () => rejected(join([epoch(), callid(), '112', `SIP/${'m'.repeat(rng.int(129, 2_000))}`, rng.pick(['CONNECT', 'AGENTLOGIN', 'PAUSE'])]), ['too_long'], 'member too long'),
    () => ({ text: join([epoch(), callid(), `unmapped-${junk(4).replace(/\s/g, 'q')}q`, 'NONE', 'ENTERQUEUE', '', '0812']), expect: { kind: 'unmapped' }, what: 'unmapped queue' }),
    () => ({ text: join([epoch(), callid(), '112', 'NONE', `X-${rng.string(rng.int(1, 30))}`, junk(20)]), expect: { kind: 'ignored' }, what: 'unknown event' }),
    () => {
      // Binary: any bytes but newlines, behind a letter so the epoch can never parse.
      const bytes = Buffer.alloc(rng.int(1, 600));
      for (let i = 0; i < bytes.length; i++) bytes[i] = rng.pick([rng.int(0, 9), rng.int(11, 255), 0x7c]);
      return { text: Buffer.concat([Buffer.from('Z'), bytes]), expect: { kind: 'rejected', rules: ['too_few_fields', 'bad_epoch'] }, what: 'binary' };
    },
    () => rejected(`Z${junk(rng.int(50_000, 150_000))}`, ['too_few_fields', 'bad_epoch'], 'huge line'),
    () => ({ text: rng.pick(baselineLines) + (rng.chance(0.5) ? '\r' : ''), expect: { kind: 'duplicate' }, what: 'a line posted before' }),
  ];
  return () => rng.pick(makers)();
}
