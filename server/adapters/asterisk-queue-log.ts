// Asterisk queue_log lines → contract events (design.md "HTTP API": the asterisk adapter;
// field order per ../shared/data/asterisk-queue-log.md). Pure: the route feeds the events to
// ingest like any others. Ids are derived from the line itself, so a follower that re-sends
// lines after a timeout or a restart produces duplicates, never double counts.
import type { EventOf, Line, PantauEvent } from '../../shared/contract/events.ts';
import { toIsoWithOffset } from '../domain/time.ts';

export interface QueueLogOptions {
  /** Queue name → line from the city profile; '112' and '119' map to themselves regardless. */
  queueLine: (queue: string) => Line | null;
  timeZone: string;
  /** The `source` of every event produced (e.g. 'pbx-112'). */
  source: string;
}

export interface QueueLogError {
  /** 1-based line number in the body. */
  line: number;
  /** Short stable name of what is wrong, e.g. 'too_few_fields'. */
  rule: string;
  reason: string;
}

export interface QueueLogResult {
  events: PantauEvent[];
  /** For each event, the 1-based line it came from (same length as events). */
  eventLines: number[];
  errors: QueueLogError[];
  /** Queue names that map to no line, sorted; their lines give no events. */
  unmappedQueues: string[];
  /** Lines skipped because their queue is unmapped. */
  unmappedLines: number;
  /** Lines understood but carrying nothing Pantau tracks (RINGCANCELED, QUEUESTART, DID…). */
  ignored: number;
  /** RINGNOANSWER lines per member: rung and did not pick up. */
  ringNoAnswer: Record<string, number>;
}

const ABANDONS = new Set(['ABANDON', 'EXITWITHTIMEOUT', 'EXITWITHKEY', 'EXITEMPTY', 'WITHDRAW']);
const ENDS = new Set(['COMPLETECALLER', 'COMPLETEAGENT', 'TRANSFER', 'BLINDTRANSFER', 'ATTENDEDTRANSFER', 'SYSCOMPAT']);
const CALLER_NUMBER = /^[+0-9*#() -]{1,32}$/;
const MAX_ID = 128;
const NONE = 'NONE';

/** 53-bit string hash (two FNV-1a lanes): keeps over-long ids unique and deterministic. */
function hash53(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (((h2 >>> 0) & 0x1fffff) * 0x100000000 + (h1 >>> 0)).toString(36);
}

function eventId(parts: readonly string[]): string {
  const id = `ast:${parts.join(':')}`;
  return id.length <= MAX_ID ? id : `${id.slice(0, MAX_ID - 13)}~${hash53(id)}`;
}

function isSet(field: string | undefined): field is string {
  return field !== undefined && field !== '' && field !== NONE;
}

export function parseQueueLog(text: string, opts: QueueLogOptions): QueueLogResult {
  const out: QueueLogResult = { events: [], eventLines: [], errors: [], unmappedQueues: [], unmappedLines: 0, ignored: 0, ringNoAnswer: {} };
  const unmapped = new Set<string>();
  const lineOf = (queue: string): Line | null => (queue === '112' || queue === '119' ? queue : opts.queueLine(queue));
  const lines = text.split('\n');

  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const fail = (rule: string, reason: string): void => {
      out.errors.push({ line: lineNo, rule, reason });
    };
    const f = line.split('|').map((s) => s.trim());
    if (f.length < 5) return fail('too_few_fields', `expected epoch|callid|queue|agent|event…, got ${f.length} field(s)`);
    const [epochText = '', callid = '', queue = '', agent = '', event = ''] = f;
    const data = f.slice(5);
    if (!/^\d{1,11}$/.test(epochText) || Number(epochText) === 0) return fail('bad_epoch', `epoch is not whole seconds: "${epochText.slice(0, 20)}"`);
    if (event === '') return fail('no_event', 'the event field is empty');
    const epoch = Number(epochText);
    const at = toIsoWithOffset(epoch * 1000, opts.timeZone);
    const base = { at, source: opts.source };
    const emit = (e: PantauEvent): void => {
      out.events.push(e);
      out.eventLines.push(lineNo);
    };
    const idFor = (...extra: string[]): string => eventId([callid, queue, event, epochText, agent, ...extra]);

    // Which line the queue belongs to; undefined when the line must be skipped as unmapped.
    const mapQueue = (): Line | null | undefined => {
      if (!isSet(queue)) return null;
      const l = lineOf(queue);
      if (l !== null) return l;
      unmapped.add(queue);
      out.unmappedLines += 1;
      return undefined;
    };

    const isCallEvent = event === 'ENTERQUEUE' || event === 'CONNECT' || ABANDONS.has(event) || ENDS.has(event) || event === 'RINGNOANSWER';
    if (isCallEvent) {
      if (!isSet(queue)) return fail('no_queue', `${event} without a queue`);
      if (!isSet(callid)) return fail('no_callid', `${event} without a callid`);
      if (callid.length > MAX_ID) return fail('too_long', `callid longer than ${MAX_ID} characters`);
      const callLine = mapQueue();
      if (callLine === undefined || callLine === null) return;
      const callId = callid;
      if (event === 'ENTERQUEUE') {
        const number = data[1] ?? '';
        const e: EventOf<'call.received'> = { ...base, id: idFor(), type: 'call.received', callId, line: callLine };
        // Restricted callers log an empty number and some trunks log words ('anonymous'): no caller then.
        if (CALLER_NUMBER.test(number)) e.caller = { number };
        return emit(e);
      }
      if (event === 'RINGNOANSWER') {
        if (!isSet(agent)) return fail('no_agent', 'RINGNOANSWER without a member');
        out.ringNoAnswer[agent] = (out.ringNoAnswer[agent] ?? 0) + 1;
        return;
      }
      if (event === 'CONNECT') {
        if (!isSet(agent)) return fail('no_agent', 'CONNECT without a member');
        if (agent.length > MAX_ID) return fail('too_long', `member longer than ${MAX_ID} characters`);
        return emit({ ...base, id: idFor(), type: 'call.answered', callId, agentId: agent });
      }
      if (ABANDONS.has(event)) return emit({ ...base, id: idFor(), type: 'call.abandoned', callId });
      return emit({ ...base, id: idFor(), type: 'call.ended', callId });
    }

    const agentEvent =
      event === 'AGENTLOGIN' || event === 'ADDMEMBER' ? 'agent.login'
        : event === 'AGENTLOGOFF' || event === 'REMOVEMEMBER' ? 'agent.logout'
          : event === 'PAUSE' || event === 'PAUSEALL' ? 'agent.paused'
            : event === 'UNPAUSE' || event === 'UNPAUSEALL' ? 'agent.unpaused'
              : null;
    if (agentEvent === null) {
      out.ignored += 1;
      return;
    }
    if (!isSet(agent)) return fail('no_agent', `${event} without a member`);
    if (agent.length > MAX_ID) return fail('too_long', `member longer than ${MAX_ID} characters`);
    const agentLine = mapQueue();
    if (agentLine === undefined) return;
    const fields = agentLine === null ? { agentId: agent } : { agentId: agent, line: agentLine };
    if (agentEvent === 'agent.paused') {
      const reason = (data[0] ?? '').slice(0, 64);
      return emit({ ...base, ...fields, id: idFor(), type: 'agent.paused', ...(reason === '' ? {} : { reason }) });
    }
    emit({ ...base, ...fields, id: idFor(), type: agentEvent });
    // A member added paused is logged in and paused at once.
    if (event === 'ADDMEMBER' && data[0] === 'PAUSED') emit({ ...base, ...fields, id: idFor('paused'), type: 'agent.paused' });
  });

  out.unmappedQueues = [...unmapped].sort();
  return out;
}
