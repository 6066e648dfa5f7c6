// The pages of a wall playlist. Each fills the area under the header and places the footer
// (ticker and page dots) itself: the overview lets the queues run down to the bottom edge.
import type { ReactNode } from 'react';
import { useLang } from '../../components/use-lang.ts';
import { useLive } from '../../live/store.ts';
import { KpiCards } from '../common/KpiCards.tsx';
import { MapPanel } from '../common/MapPanel.tsx';
import { useTargets } from '../common/use-targets.ts';
import { AppPanel, AppsPage } from './AppActivity.tsx';
import type { WallPage } from './playlist.ts';
import { QueueBoard } from './QueueBoard.tsx';

function KpisToday() {
  const lang = useLang();
  const kpis = useLive((s) => s.data.kpis);
  const targets = useTargets();
  return <KpiCards kpis={kpis} targets={targets} lang={lang} />;
}

function PageBody({ page }: { page: Exclude<WallPage, 'overview'> }) {
  switch (page) {
    case 'map':
      return <MapPanel mode="wall" />;
    case 'apps':
      return <AppsPage />;
    case 'kpis':
      return <KpisToday />;
  }
}

export function WallPageContent({ page, footer }: { page: WallPage; footer: ReactNode }) {
  if (page === 'overview') {
    return (
      <div className="wall-overview">
        <div className="wall-col wall-col--queues" data-tour="queues">
          <QueueBoard line="112" />
          <QueueBoard line="119" />
        </div>
        <div className="wall-col wall-col--map" data-tour="map">
          <MapPanel mode="wall" />
        </div>
        <div className="wall-col wall-col--apps" data-tour="apps">
          <AppPanel />
        </div>
        <div className="wall-foot">{footer}</div>
      </div>
    );
  }
  return (
    <div className={`wall-single wall-single--${page}`} data-tour={page}>
      <div className="wall-single-body">
        <PageBody page={page} />
      </div>
      <div className="wall-foot">{footer}</div>
    </div>
  );
}
