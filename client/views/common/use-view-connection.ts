// What a view says about its link to the server, read from the live store.
import { useShallow } from 'zustand/react/shallow';
import type { ShownState } from '../../components/ConnectionIndicator.tsx';
import { useLive } from '../../live/store.ts';

export interface ViewConnection {
  shown: ShownState;
  lastUpdateAt: number | null;
  refused: string | null;
}

export function useViewConnection(): ViewConnection {
  return useLive(
    useShallow((s) => ({
      // Before the first snapshot "LIVE" would be a lie: say we are connecting until the status moves on.
      shown: s.status === 'live' && s.data.position === null ? 'connecting' : s.status,
      lastUpdateAt: s.lastUpdateAt,
      refused: s.refused,
    })),
  );
}
