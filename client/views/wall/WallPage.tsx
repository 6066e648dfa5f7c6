// /wall: a display screen. Its token (given once as ?token=) selects the live space; without
// one the server serves the demo space and the layout marks it as demo. `?space=demo` (or the
// header's LIVE | DEMO switch) lets a signed-in wall show the simulation (rehearsals, a lobby).
// `?replay=<ISO-8601>&speed=N` plays the past instead (operator and executive credentials only).
import { useMemo } from 'react';
import { readToken } from '../../api/credentials.ts';
import { requestedSpace } from '../../api/requested-space.ts';
import { parseReplayParams } from '../../live/replay-params.ts';
import { useLiveConnection } from '../../live/use-live-connection.ts';
import { WallLayout } from './WallLayout.tsx';

export function WallPage() {
  const space = useMemo(() => requestedSpace(), []);
  const replay = useMemo(() => parseReplayParams(window.location.search), []);
  useLiveConnection(readToken(), space, replay);
  return <WallLayout name="wall" />;
}
