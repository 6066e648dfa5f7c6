// Closes calls that have waited longer than the profile's staleMinutes as `call.expired`, so
// the queue cannot fill with ghosts (a PBX restart leaves ENTERQUEUE lines with nothing
// after them). It writes through ingest with ids derived from the call, so several server
// processes sweeping at once produce one event and duplicates.
import { SPACES, type Space } from '../../shared/contract/views.ts';
import { internalEventId } from '../domain/internal-id.ts';
import { toIsoWithOffset } from '../domain/time.ts';
import type { Logger } from '../log.ts';
import type { ReadWaitingCallsBefore } from '../store/read-stale-calls.ts';
import type { IngestService } from './ingest-service.ts';

export interface SweeperDeps {
  /** store/read-stale-calls.ts */
  readWaitingCallsBefore: ReadWaitingCallsBefore;
  ingest: IngestService;
  staleMinutes: number;
  timeZone: string;
  clock: () => number;
  log: Logger;
}

export async function sweepStaleCalls(deps: SweeperDeps, space: Space): Promise<number> {
  const now = deps.clock();
  const cutoff = now - deps.staleMinutes * 60_000;
  // A thousand per sweep and space bounds one ingest batch; the next sweep takes the rest.
  const ids = await deps.readWaitingCallsBefore(space, cutoff, 1_000);
  if (ids.length === 0) return 0;
  const at = toIsoWithOffset(now, deps.timeZone);
  const result = await deps.ingest.ingestEvents(space, 'pantau-sweeper', ids.map((callId) => ({
    id: internalEventId('expired', callId), type: 'call.expired' as const, at, source: 'pantau-sweeper', callId,
  })));
  deps.log.info({ mod: 'sweeper', space, expired: result.answer.accepted }, 'stale calls expired');
  return result.answer.accepted;
}

export function startStaleCallSweeper(deps: SweeperDeps, everyMs = 60_000): () => void {
  const timer = setInterval(() => {
    for (const space of SPACES) {
      sweepStaleCalls(deps, space).catch((err: unknown) => deps.log.warn({ mod: 'sweeper', err: String(err) }, 'sweep failed'));
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
