// The server's view of a space: wire changes carry the projection's membership, and the view
// lists exactly the members, whatever the entity's status says.
import { describe, expect, it } from 'vitest';
import { RECENT_ALERTS_MS } from '../../shared/live/live-data.ts';
import { LiveView } from '../../server/live/live-view.ts';
import { ResumeRing } from '../../server/live/resume-ring.ts';
import type { RawChange } from '../../server/store/entries.ts';
import type { Change } from '../../shared/contract/views.ts';

const TZ = 'Asia/Jakarta';
const T0 = Date.UTC(2026, 10, 23, 7, 0, 0);
const empty = { position: '5-0', waiting: new Map(), incidents: new Map(), agents: new Map(), alerts: new Map(), callbacks: new Map(), eventsToday: 3 };

function loaded(): LiveView {
  const v = new LiveView(TZ);
  v.load(empty);
  return v;
}

describe('LiveView', () => {
  it('carries the projection\'s membership on each change and lists only members', () => {
    const v = loaded();
    const raw: RawChange[] = [
      { t: 'incident', id: 'early', h: { dispatchedAt: String(T0), agencies: 'fire' }, member: false },
      { t: 'incident', id: 'open', h: { reportedAt: String(T0), line: '112', category: 'fire', priority: '1' }, member: true },
      { t: 'call', id: 'c1', h: { receivedAt: String(T0), line: '119' }, member: true },
      { t: 'alert', id: 'a1', h: { clearedAt: String(T0) }, member: false },
      { t: 'counter', id: '2026-11-23', n: 4 },
      { t: 'counter', id: '2026-11-22', n: 99 },
    ];
    const changes = v.changesOf(raw, '2026-11-23');
    expect(changes.map((c) => ('open' in c ? c.open : 'waiting' in c ? c.waiting : 'active' in c ? c.active : c.t))).toEqual([false, true, true, false, 'counter']);
    v.apply('6-0', changes);
    const lists = v.lists();
    expect(v.position).toBe('6-0');
    expect(lists.incidents.open.map((i) => i.incidentId)).toEqual(['open']);
    expect(lists.calls.waiting.map((c) => c.callId)).toEqual(['c1']);
    expect(lists.alerts).toEqual([]);
    expect(lists.eventsToday).toBe(4);
  });

  it('lists waiting calls longest first and gives the queue in epoch ms', () => {
    const v = loaded();
    v.apply('6-0', v.changesOf([
      { t: 'call', id: 'late', h: { receivedAt: String(T0 + 5_000), line: '112' }, member: true },
      { t: 'call', id: 'early', h: { receivedAt: String(T0), line: '119' }, member: true },
    ], '2026-11-23'));
    expect(v.lists().calls.waiting.map((c) => c.callId)).toEqual(['early', 'late']);
    expect(v.waitingQueue().map((q) => q.receivedAtMs).sort()).toEqual([T0, T0 + 5_000]);
  });

  it('drops cleared alerts once their day as history is over, keeps open ones', () => {
    const v = loaded();
    v.apply(`${T0 + 5}-0`, v.changesOf([
      { t: 'alert', id: 'old', h: { raisedAt: String(T0), clearedAt: String(T0 + 1) }, member: false },
      { t: 'alert', id: 'open', h: { raisedAt: String(T0) }, member: true },
    ], '2026-11-23'));
    expect(v.lists().alerts.map((a) => a.alertId).sort()).toEqual(['old', 'open']);
    v.dropStaleAlerts(T0 + RECENT_ALERTS_MS + 10);
    expect(v.lists().alerts.map((a) => a.alertId)).toEqual(['open']);
  });

  it('a late clear of an alert raised long ago adds nothing, as a fresh snapshot would not hold it', () => {
    const v = loaded();
    v.apply(`${T0 + 100 * RECENT_ALERTS_MS}-0`, v.changesOf([
      { t: 'alert', id: 'ancient', h: { raisedAt: String(T0), clearedAt: String(T0 + 1) }, member: false },
    ], '2026-11-23'));
    expect(v.lists().alerts).toEqual([]);
  });
});

describe('ResumeRing', () => {
  const c = (n: number): Change => ({ t: 'counter', eventsToday: n });

  it('gives the changes after a position it holds, and says when a position is older than memory or past the end', () => {
    const ring = new ResumeRing(2);
    ring.reset('1-0');
    ring.push('2-0', [c(2)]);
    ring.push('3-0', [c(3)]);
    ring.push('4-0', [c(4)]);
    expect(ring.since('1-0', '4-0', 10)).toEqual({ kind: 'changes', changes: [c(2), c(3), c(4)] });
    ring.trim();
    // Memory (2 entries) starts after 2-0: 1-0 may still be bridged by at most 10 - 2 entries.
    expect(ring.since('1-0', '4-0', 10)).toEqual({ kind: 'older', missing: 8 });
    expect(ring.since('2-0', '4-0', 10)).toEqual({ kind: 'changes', changes: [c(3), c(4)] });
    expect(ring.since('5-0', '4-0', 10)).toBeNull();
  });

  it('calls a position far behind without walking memory: more entries after it than the limit', () => {
    const ring = new ResumeRing(100);
    ring.reset('0-0');
    for (let i = 1; i <= 50; i++) ring.push(`${i}-0`, [c(i)]);
    expect(ring.since('39-0', '50-0', 10)).toEqual({ kind: 'far' });
    expect(ring.since('40-0', '50-0', 10)).toEqual({ kind: 'changes', changes: Array.from({ length: 10 }, (_, i) => c(41 + i)) });
    // Between entries (a position this process never saw) counts from the next entry after it.
    expect(ring.since('40-5', '50-0', 10)).toEqual({ kind: 'changes', changes: Array.from({ length: 10 }, (_, i) => c(41 + i)) });
    ring.trim();
    ring.reset('50-0');
    for (let i = 51; i <= 70; i++) ring.push(`${i}-0`, [c(i)]);
    // Older than memory, and memory alone already holds more than the limit: far, no stream read.
    expect(ring.since('10-0', '70-0', 10)).toEqual({ kind: 'far' });
  });
});
