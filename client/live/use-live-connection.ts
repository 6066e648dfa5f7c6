// One live connection per mounted view; it follows the credential and the space asked for. A
// wall opened with `?replay=` is fed from the past instead (replay.ts), through the same store.
import { useEffect } from 'react';
import type { Space } from '../../shared/contract/views.ts';
import { startLive } from './connection.ts';
import { startReplay } from './replay.ts';
import type { ReplayParams } from './replay-params.ts';

export function useLiveConnection(token: string | null, space: Space | undefined, replay: ReplayParams | null = null): void {
  const fromMs = replay?.fromMs;
  const speed = replay?.speed;
  useEffect(() => {
    if (fromMs !== undefined && speed !== undefined) return startReplay({ token, fromMs, speed, ...(space ? { space } : {}) });
    return startLive({ token, ...(space ? { space } : {}) });
  }, [token, space, fromMs, speed]);
}
