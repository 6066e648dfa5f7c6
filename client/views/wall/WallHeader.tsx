// City name · Pantau, the date and clock in the city's zone, and the connection state.
import type { ReactNode } from 'react';
import { Clock } from '../../components/Clock.tsx';
import { ConnectionIndicator } from '../../components/ConnectionIndicator.tsx';
import { ReplayBadge } from '../../components/ReplayBadge.tsx';
import { DemoBadge } from '../../components/Watermark.tsx';
import { SpaceSwitch } from '../common/SpaceSwitch.tsx';
import { useLang } from '../../components/use-lang.ts';
import { useCity } from '../../api/use-city.ts';
import { useLive } from '../../live/store.ts';
import { useViewConnection } from '../common/use-view-connection.ts';

const FALLBACK_ZONE = { timezone: 'Asia/Jakarta', timezoneLabel: 'WIB' };

/** `spaceSwitch`: the LIVE | DEMO switch, on /wall (the demo screen is the demo only). */
export function WallHeader({ extra, spaceSwitch = false }: { extra?: ReactNode; spaceSwitch?: boolean }) {
  const lang = useLang();
  const { city } = useCity();
  const snapshotCity = useLive((s) => s.data.city);
  const isDemo = useLive((s) => s.data.space === 'demo');
  const offsetMs = useLive((s) => s.clockOffsetMs);
  const replay = useLive((s) => s.replay);
  const { shown } = useViewConnection();
  const zone = city ?? (snapshotCity ? { timezone: snapshotCity.timezone, timezoneLabel: '' } : FALLBACK_ZONE);
  return (
    <header className="wall-header" data-tour="header">
      <h1 className="wall-title">
        <span data-testid="city-name">{city?.name ?? snapshotCity?.name ?? ''}</span>
        <span className="wall-title-sep"> · </span>
        <span>Pantau</span>
      </h1>
      {isDemo ? <DemoBadge /> : null}
      {extra ? <div className="wall-extra">{extra}</div> : null}
      {/* A replay is not a space to switch: it leaves by its own address. */}
      {spaceSwitch && !replay ? <SpaceSwitch /> : null}
      <Clock timezone={zone.timezone} timezoneLabel={zone.timezoneLabel} lang={lang} offsetMs={offsetMs} />
      {replay ? (
        <ReplayBadge atMs={replay.atMs} speed={replay.speed} timeZone={zone.timezone} lang={lang} error={replay.error} reachedNow={replay.reachedNow} />
      ) : (
        <ConnectionIndicator state={shown} />
      )}
    </header>
  );
}
