// The wall: header, then the playlist's current page with the incident ticker and page dots.
// The wall route and the demo route both draw this; demo adds its controls through `extra`.
import type { ReactNode } from 'react';
import { useCity } from '../../api/use-city.ts';
import { Watermark } from '../../components/Watermark.tsx';
import { useLive } from '../../live/store.ts';
import { ScreenAlarm } from '../common/ScreenAlarm.tsx';
import { ViewShell } from '../common/ViewShell.tsx';
import { IncidentTicker } from './IncidentTicker.tsx';
import { PageDots } from './PageDots.tsx';
import { useBurnInShift } from './use-burn-in.ts';
import { DEFAULT_WALL_PAGES, type WallPage } from './playlist.ts';
import { usePlaylist } from './use-playlist.ts';
import { WallHeader } from './WallHeader.tsx';
import { WallPageContent } from './WallPages.tsx';
import './wall.css';

interface WallLayoutProps {
  name: 'wall' | 'demo';
  /** Controls for the header (the demo's language switch and tour button). */
  extra?: ReactNode;
  /** Holds a page whatever the playlist says (the demo tour needs the overview). */
  pinPage?: WallPage;
}

export function WallLayout({ name, extra, pinPage }: WallLayoutProps) {
  const { playlist, page: playing } = usePlaylist(name === 'wall' ? DEFAULT_WALL_PAGES : undefined);
  const page = pinPage ?? playing;
  const shift = useBurnInShift();
  const { city } = useCity();
  const snapshotZone = useLive((s) => s.data.city?.timezone ?? null);
  const isDemo = useLive((s) => s.data.space === 'demo');
  const replaying = useLive((s) => s.replay !== null);
  const timeZone = city?.timezone ?? snapshotZone ?? 'Asia/Jakarta';
  return (
    <ViewShell name={name} theme="dark">
      <div className="wall" style={{ transform: shift }} data-page={page} data-testid="wall-page">
        <WallHeader {...(extra ? { extra } : {})} spaceSwitch={name === 'wall'} />
        <main className="wall-main">
          <WallPageContent
            page={page}
            footer={
              <>
                <IncidentTicker timeZone={timeZone} />
                <PageDots pages={playlist.pages} current={page} />
              </>
            }
          />
        </main>
      </div>
      {/* The public demo flashes but stays silent; a wall plays (kiosk flag, docs/operations.md); a replay shows the alarm it showed, silently. */}
      <ScreenAlarm variant="wall" withSound={!isDemo && !replaying && name === 'wall'} timeZone={timeZone} />
      {isDemo || name === 'demo' ? <Watermark /> : null}
    </ViewShell>
  );
}
