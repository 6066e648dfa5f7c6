// One live connection per mounted view; it follows the credential and the space asked for.
import { useEffect } from 'react';
import type { Space } from '../../shared/contract/views.ts';
import { startLive } from './connection.ts';

export function useLiveConnection(token: string | null, space: Space | undefined): void {
  useEffect(() => startLive({ token, ...(space ? { space } : {}) }), [token, space]);
}
