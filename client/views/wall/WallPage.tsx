// /wall: a display screen. Its token (given once as ?token=) selects the live space; without
// one the server serves the demo space and the layout marks it as demo. `?space=demo` (or the
// header's LIVE | DEMO switch) lets a signed-in wall show the simulation (rehearsals, a lobby).
import { useMemo } from 'react';
import { readToken } from '../../api/credentials.ts';
import { requestedSpace } from '../../api/requested-space.ts';
import { useLiveConnection } from '../../live/use-live-connection.ts';
import { WallLayout } from './WallLayout.tsx';

export function WallPage() {
  const space = useMemo(() => requestedSpace(), []);
  useLiveConnection(readToken(), space);
  return <WallLayout name="wall" />;
}
