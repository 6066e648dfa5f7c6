// What a view says about its link to the server, read from the live store.
import { useShallow } from 'zustand/react/shallow';
import type { ShownState } from '../../components/ConnectionIndicator.tsx';
import { useLive } from '../../live/store.ts';

export interface ViewConnection {
  shown: ShownState;
  /** When the figures were last known current: while the server's source is away, when it went. */
  lastUpdateAt: number | null;
  refused: string | null;
  /** The server is there but its source (Redis) is not: the figures are stale, said so in words. */
  sourceAway: boolean;
}

export function useViewConnection(): ViewConnection {
  return useLive(
    useShallow((s) => ({
      // Before the first snapshot "LIVE" would be a lie: say we are connecting until the status moves on.
      shown: s.status === 'live' && s.data.position === null ? 'connecting' : s.status,
      lastUpdateAt: s.sourceAwaySince ?? s.lastUpdateAt,
      refused: s.refused,
      sourceAway: s.sourceAwaySince !== null,
    })),
  );
}
