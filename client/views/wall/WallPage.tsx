// /wall: a display screen. Its token (given once as ?token=) selects the live space; without
// one the server serves the demo space and the layout marks it as demo. `?space=demo` lets a
// signed-in wall show the simulation (rehearsals, a lobby screen).
import { useMemo } from 'react';
import { Space } from '../../../shared/contract/views.ts';
import { readToken } from '../../api/credentials.ts';
import { useLiveConnection } from '../../live/use-live-connection.ts';
import { WallLayout } from './WallLayout.tsx';

export function WallPage() {
  const space = useMemo(() => {
    const parsed = Space.safeParse(new URLSearchParams(window.location.search).get('space'));
    return parsed.success ? parsed.data : undefined;
  }, []);
  useLiveConnection(readToken(), space);
  return <WallLayout name="wall" />;
}
