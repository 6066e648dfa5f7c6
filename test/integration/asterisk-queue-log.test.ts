import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PantauEvent, type Line } from '../../shared/contract/events.ts';
import { parseQueueLog, type QueueLogOptions } from '../../server/adapters/asterisk-queue-log.ts';
import { computeCallKpis } from '../../server/domain/call-kpis.ts';
import { addTotals, parseCallRecord, type CallRecord } from '../../server/domain/call-record.ts';
import { readContributions } from '../../server/store/read-calls.ts';
import { applyInOrder, connectTestRedis, freshKeys } from '../support/projection-harness.ts';
import { round1, round4 } from '../../server/domain/percentile.ts';
import { todayWindow } from '../../server/domain/time.ts';

const TZ = 'Asia/Jakarta';
const fixture = (name: string): string => readFileSync(new URL(`../fixtures/queue_log/${name}`, import.meta.url), 'utf8');
const QUEUES: Record<string, Line> = { 'pbx-darurat': '112' };
const opts: QueueLogOptions = { queueLine: (q) => QUEUES[q] ?? null, timeZone: TZ, source: 'pbx-test' };

// The adapter's events go through the one projection on real Redis: the call records and KPI
// figures below are what Pantau would store and show, not a re-implementation of its rules.
const redis = connectTestRedis();
afterAll(() => redis.quit());

async function projectCalls(events: readonly PantauEvent[]): Promise<{ calls: Map<string, CallRecord>; keys: ReturnType<typeof freshKeys> }> {
  const keys = freshKeys();
  await applyInOrder(redis, keys, events);
  const calls = new Map<string, CallRecord>();
  for (const key of await redis.keys(`${keys.callPrefix.replace(/[[\]*?{}]/g, '\\$&')}*`)) {
    const id = key.slice(keys.callPrefix.length);
    calls.set(id, parseCallRecord(id, await redis.hgetall(key)));
  }
  return { calls, keys };
}

describe('parseQueueLog on single lines', () => {
  const one = (line: string) => parseQueueLog(line, opts);

  it('ENTERQUEUE → call.received with the caller number from data2', () => {
    const r = one('1795402800|1795402800.1|112|NONE|ENTERQUEUE||081234567789|1|IBU RINA');
    expect(r.events).toEqual([{
      id: 'ast:1795402800.1:112:ENTERQUEUE:1795402800:NONE', type: 'call.received', at: '2026-11-23T10:00:00.000+07:00',
      source: 'pbx-test', callId: '1795402800.1', line: '112', caller: { number: '081234567789' },
    }]);
    expect(r.eventLines).toEqual([1]);
  });

  it.each([
    ['restricted (empty)', '1795402800|c1|119|NONE|ENTERQUEUE|||1'],
    ['a word instead of a number', '1795402800|c1|119|NONE|ENTERQUEUE||anonymous|1'],
    ['no data at all', '1795402800|c1|119|NONE|ENTERQUEUE'],
  ])('ENTERQUEUE without a usable number (%s) has no caller', (_name, line) => {
    const [e] = one(line).events;
    expect(e).toMatchObject({ type: 'call.received', line: '119' });
    expect(e !== undefined && 'caller' in e).toBe(false);
  });

  it.each([
    ['CONNECT', '1795402812|c1|112|PJSIP/202|CONNECT|12|1795402812.2|6', { type: 'call.answered', agentId: 'PJSIP/202' }],
    ['ABANDON', '1795402812|c1|112|NONE|ABANDON|1|1|12', { type: 'call.abandoned' }],
    ['EXITWITHTIMEOUT', '1795402812|c1|112|NONE|EXITWITHTIMEOUT|1|1|12', { type: 'call.abandoned' }],
    ['EXITWITHKEY', '1795402812|c1|112|NONE|EXITWITHKEY|0|1|1|12', { type: 'call.abandoned' }],
    ['EXITEMPTY', '1795402812|c1|112|NONE|EXITEMPTY|1|1|12', { type: 'call.abandoned' }],
    ['WITHDRAW', '1795402812|c1|112|NONE|WITHDRAW|1|1|12|moved', { type: 'call.abandoned' }],
    ['COMPLETECALLER', '1795402812|c1|112|PJSIP/202|COMPLETECALLER|12|80|1', { type: 'call.ended' }],
    ['COMPLETEAGENT', '1795402812|c1|112|PJSIP/202|COMPLETEAGENT|12|80|1', { type: 'call.ended' }],
    ['TRANSFER', '1795402812|c1|112|PJSIP/202|TRANSFER|1100|from-internal|12|80|1', { type: 'call.ended' }],
    ['BLINDTRANSFER', '1795402812|c1|112|PJSIP/202|BLINDTRANSFER|1100|from-internal|12|80|1', { type: 'call.ended' }],
    ['ATTENDEDTRANSFER', '1795402812|c1|112|PJSIP/202|ATTENDEDTRANSFER|LINK|a|b|12|80|1', { type: 'call.ended' }],
    ['AGENTLOGIN', '1795402812|u1|NONE|Agent/1127|AGENTLOGIN|PJSIP/205-1', { type: 'agent.login', agentId: 'Agent/1127' }],
    ['AGENTLOGOFF', '1795402812|u1|NONE|Agent/1127|AGENTLOGOFF|PJSIP/205-1|300', { type: 'agent.logout', agentId: 'Agent/1127' }],
    ['ADDMEMBER', '1795402812|MANAGER|119|PJSIP/301|ADDMEMBER|', { type: 'agent.login', agentId: 'PJSIP/301', line: '119' }],
    ['REMOVEMEMBER', '1795402812|MANAGER|pbx-darurat|PJSIP/301|REMOVEMEMBER|', { type: 'agent.logout', line: '112' }],
    ['PAUSE', '1795402812|NONE|112|PJSIP/301|PAUSE|Istirahat', { type: 'agent.paused', line: '112', reason: 'Istirahat' }],
    ['UNPAUSE', '1795402812|NONE|112|PJSIP/301|UNPAUSE|Auto-Unpause', { type: 'agent.unpaused', line: '112' }],
    ['PAUSEALL', '1795402812|NONE|NONE|PJSIP/301|PAUSEALL|Briefing', { type: 'agent.paused', reason: 'Briefing' }],
    ['UNPAUSEALL', '1795402812|NONE|NONE|PJSIP/301|UNPAUSEALL|', { type: 'agent.unpaused' }],
  ])('%s', (_name, line, want) => {
    const r = one(line);
    expect(r.errors).toEqual([]);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ ...want, at: '2026-11-23T10:00:12.000+07:00', source: 'pbx-test' });
    expect(PantauEvent.safeParse(r.events[0]).success).toBe(true);
  });

  it('ADDMEMBER with PAUSED gives a login and a pause', () => {
    const r = one('1795402812|MANAGER|119|PJSIP/302|ADDMEMBER|PAUSED');
    expect(r.events.map((e) => e.type)).toEqual(['agent.login', 'agent.paused']);
    expect(new Set(r.events.map((e) => e.id)).size).toBe(2);
    expect(r.eventLines).toEqual([1, 1]);
  });

  it('RINGNOANSWER gives no event but is counted per member', () => {
    const r = one(['1795402806|c1|112|PJSIP/201|RINGNOANSWER|6000', '1795402816|c1|112|PJSIP/201|RINGNOANSWER|0', '1795402826|c1|112|PJSIP/203|RINGNOANSWER|15000'].join('\n'));
    expect(r.events).toEqual([]);
    expect(r.ringNoAnswer).toEqual({ 'PJSIP/201': 2, 'PJSIP/203': 1 });
  });

  it('reports unmapped queues instead of dropping them silently', () => {
    const r = one(['1795402800|c1|helpdesk|NONE|ENTERQUEUE||0811111111|1', '1795402805|c1|helpdesk|PJSIP/9|CONNECT|5|x|1', '1795402806|NONE|antrian-b|PJSIP/9|PAUSE|'].join('\n'));
    expect(r.events).toEqual([]);
    expect(r.unmappedQueues).toEqual(['antrian-b', 'helpdesk']);
    expect(r.unmappedLines).toBe(3);
  });

  it('maps 112 and 119 to themselves whatever the profile says', () => {
    const r = parseQueueLog('1795402800|c1|119|NONE|ENTERQUEUE|||1', { ...opts, queueLine: () => null });
    expect(r.events[0]).toMatchObject({ line: '119' });
  });

  it('writes `at` in the city zone', () => {
    const r = parseQueueLog('1795402800|c1|112|NONE|ENTERQUEUE|||1', { ...opts, timeZone: 'Asia/Makassar' });
    expect(r.events[0]?.at).toBe('2026-11-23T11:00:00.000+08:00');
  });

  it('keeps ids within 128 characters and distinct when names are long', () => {
    const agentA = `Local/${'9'.repeat(100)}@from-queue/n`;
    const agentB = `Local/${'9'.repeat(100)}@from-queue/m`;
    const r = one([`1795402812|c1|112|${agentA}|CONNECT|1|x|1`, `1795402812|c1|112|${agentB}|CONNECT|1|x|1`].join('\n'));
    expect(r.events.map((e) => e.id.length).every((l) => l <= 128)).toBe(true);
    expect(r.events[0]?.id).not.toBe(r.events[1]?.id);
  });
});

describe('parseQueueLog on the edge-case fixture', () => {
  const r = parseQueueLog(fixture('edge-cases.log'), opts);

  it('reports every bad line with its number and reason', () => {
    expect(r.errors).toMatchInlineSnapshot(`
      [
        {
          "line": 23,
          "reason": "expected epoch|callid|queue|agent|event…, got 1 field(s)",
          "rule": "too_few_fields",
        },
        {
          "line": 25,
          "reason": "ENTERQUEUE without a queue",
          "rule": "no_queue",
        },
        {
          "line": 26,
          "reason": "epoch is not whole seconds: """,
          "rule": "bad_epoch",
        },
      ]
    `);
  });

  it('turns the rest into valid events, one call per callid', () => {
    for (const e of r.events) expect(PantauEvent.safeParse(e).success, JSON.stringify(e)).toBe(true);
    expect(r.unmappedQueues).toEqual(['layanan-umum']);
    expect(r.ringNoAnswer).toEqual({ 'PJSIP/201': 1 });
  });

  it('projects into call records as the adapter means them', async () => {
    const { calls } = await projectCalls(r.events);
    // Re-queued after an attended transfer: first received (112), first answer, last end.
    expect(calls.get('1795402800.1')).toMatchObject({
      line: '112', receivedAtMs: 1795402800000, answeredAtMs: 1795402812000, agentId: 'PJSIP/202', endedAtMs: 1795403100000, callerNumber: '081234567789',
    });
    expect(calls.get('1795403000.4')).toMatchObject({ abandonedAtMs: 1795403040000, callerNumber: '+62 812-3456-7789' });
    expect(calls.get('1795403050.5')).toMatchObject({ abandonedAtMs: 1795403051000, callerNumber: null });
    // CONNECT logged a second before its ENTERQUEUE, then SYSCOMPAT: answered and ended.
    expect(calls.get('1795403090.8')).toMatchObject({ receivedAtMs: 1795403089000, answeredAtMs: 1795403090000, endedAtMs: 1795403200000 });
    expect(calls.get('1795403600.1')).toMatchObject({ receivedAtMs: 1795403600000, answeredAtMs: null });
    expect(calls.has('1795403060.6')).toBe(false);
  });

  it('maps member events to agent events', () => {
    const agents = r.events.filter((e) => e.type.startsWith('agent.')).map((e) => `${e.type} ${'agentId' in e ? e.agentId : ''}`);
    expect(agents).toEqual(['agent.paused PJSIP/203', 'agent.login PJSIP/305', 'agent.paused PJSIP/305', 'agent.login Agent/1200', 'agent.logout Agent/1200']);
  });

  it('is idempotent: the same text gives the same ids', () => {
    expect(parseQueueLog(fixture('edge-cases.log'), opts).events.map((e) => e.id)).toEqual(r.events.map((e) => e.id));
  });
});

// An independent reading of the raw log, straight from the format doc: offered = ENTERQUEUE,
// answered = first CONNECT (wait = CONNECT.data1), abandoned = ABANDON/EXIT*/WITHDRAW with
// their waittime field. Nothing of the adapter or of the projection is used here.
interface RawCall { receivedS: number; line: Line; answerWaitS: number | null; abandonWaitS: number | null }
function readRaw(text: string): Map<string, RawCall> {
  const calls = new Map<string, RawCall>();
  const rows = text.split('\n').map((l) => l.replace(/\r$/, '').split('|')).filter((f) => f.length >= 5 && /^\d+$/.test(f[0] ?? ''));
  const lineOf = (queue: string): Line | undefined => (queue === '112' || queue === '119' ? queue : QUEUES[queue]);
  // Two passes: the log is only nearly monotonic, so an ABANDON may precede its ENTERQUEUE.
  for (const [epoch, callid = '', queue = '', , event] of rows) {
    const line = lineOf(queue);
    if (event === 'ENTERQUEUE' && line !== undefined && !calls.has(callid)) {
      calls.set(callid, { receivedS: Number(epoch), line, answerWaitS: null, abandonWaitS: null });
    }
  }
  for (const f of rows) {
    const [, callid = '', queue = '', agent = '', event = ''] = f;
    const c = calls.get(callid);
    if (c === undefined || lineOf(queue) === undefined) continue;
    if (event === 'CONNECT' && agent !== 'NONE') c.answerWaitS ??= Number(f[5]);
    else if (event === 'ABANDON' || event === 'EXITWITHTIMEOUT' || event === 'EXITEMPTY' || event === 'WITHDRAW') c.abandonWaitS ??= Number(f[7]);
    else if (event === 'EXITWITHKEY') c.abandonWaitS ??= Number(f[8]);
  }
  return calls;
}

function rawKpis(calls: readonly RawCall[]) {
  const answered = calls.filter((c) => c.answerWaitS !== null);
  const abandoned = calls.filter((c) => c.answerWaitS === null && c.abandonWaitS !== null);
  const waits = answered.map((c) => c.answerWaitS ?? 0);
  const sl = (t: number) => {
    const den = answered.length + abandoned.filter((c) => (c.abandonWaitS ?? 0) > t).length;
    return den === 0 ? null : round4(waits.filter((w) => w <= t).length / den);
  };
  return {
    offered: calls.length,
    answered: answered.length,
    abandoned: abandoned.length,
    asa: answered.length === 0 ? null : round1(waits.reduce((a, b) => a + b, 0) / answered.length),
    sl15: sl(15),
    sl20: sl(20),
    abandonmentRate: calls.length === 0 ? null : round4(abandoned.length / calls.length),
  };
}

describe('three days of Kota Tangerang queue_log, cross-checked against the raw lines', () => {
  const text = fixture('kota-tangerang-3days.log');
  const parsed = parseQueueLog(text, opts);
  let records: CallRecord[] = [];
  let keys = freshKeys();
  beforeAll(async () => {
    const projected = await projectCalls(parsed.events);
    records = [...projected.calls.values()];
    keys = projected.keys;
  });
  const raw = [...readRaw(text).values()];

  it('parses with only the planted junk rejected', () => {
    expect(parsed.errors.map((e) => e.rule)).toEqual(['too_few_fields', 'too_few_fields', 'bad_epoch', 'no_agent']);
    expect(parsed.unmappedQueues).toEqual(['helpdesk']);
    for (const e of parsed.events) expect(PantauEvent.safeParse(e).success).toBe(true);
    expect(new Set(parsed.events.map((e) => e.id)).size).toBe(parsed.events.length);
    expect(parsed.eventLines).toHaveLength(parsed.events.length);
  });

  it('counts ring-no-answers per member as the raw lines do', () => {
    const want: Record<string, number> = {};
    for (const l of text.split('\n')) {
      const f = l.split('|');
      if (f[4] === 'RINGNOANSWER' && f[2] !== 'helpdesk') want[f[3] ?? ''] = (want[f[3] ?? ''] ?? 0) + 1;
    }
    expect(parsed.ringNoAnswer).toEqual(want);
    expect(Object.values(want).reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
  });

  const days = ['2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25'];
  it.each(days.flatMap((d) => (['112', '119', 'all'] as const).map((line) => [d, line] as const)))('%s line %s', async (day, line) => {
    const w = todayWindow(Date.parse(`${day}T12:00:00+07:00`), TZ);
    const inDay = (ms: number) => ms >= w.fromMs && ms < w.toMs;
    const theirs = raw.filter((c) => inDay(c.receivedS * 1000) && (line === 'all' || c.line === line));
    const byLine = await readContributions(redis, keys, w.fromMs, w.toMs, '');
    const kpis = computeCallKpis(line === 'all' ? addTotals(byLine['112'], byLine['119']) : byLine[line]);
    expect(kpis).toMatchObject(rawKpis(theirs));
    if (day !== '2026-11-25') expect(kpis.offered).toBeGreaterThan(line === 'all' ? 50 : 15);
  });

  it('holds the planted cases: midnight span, ghost, thresholds', () => {
    // Received 23:59:50 WIB on the 22nd, answered 00:00:08 on the 23rd: counted on the 22nd.
    const span = records.find((r) => r.receivedAtMs === Date.parse('2026-11-22T23:59:50+07:00'));
    expect(span).toMatchObject({ answeredAtMs: Date.parse('2026-11-23T00:00:08+07:00') });
    // The restart ghost stays waiting (the stale sweeper expires it later).
    const ghost = records.find((r) => r.receivedAtMs === Date.parse('2026-11-23T03:12:00+07:00'));
    expect(ghost).toMatchObject({ answeredAtMs: null, abandonedAtMs: null, endedAtMs: null });
  });
});
