// / and /demo: the public screen for visiting delegations, the wall on simulated data with a
// watermark, the language switch and the tour (wired by the tour work; a placeholder here).
import { useTranslation } from 'react-i18next';
import { readToken } from '../../api/credentials.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { navigate } from '../../components/navigation.ts';
import { useLiveConnection } from '../../live/use-live-connection.ts';
import { WallLayout } from '../wall/WallLayout.tsx';

function DemoControls({ onStartTour }: { onStartTour: (() => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="demo-controls">
      <LanguageSwitch />
      <button
        type="button"
        className="btn btn--tour"
        data-testid="tour-start"
        disabled={onStartTour === undefined}
        onClick={onStartTour}
      >
        {t('demo.tour')}
      </button>
      <button type="button" className="btn btn--quiet" data-testid="demo-signin" onClick={() => navigate('/signin')}>
        {t('demo.signin')}
      </button>
    </div>
  );
}

export function DemoPage({ onStartTour }: { onStartTour?: () => void }) {
  // A signed-in viewer may ask for the demo space; a visitor without a token only ever gets it.
  useLiveConnection(readToken(), 'demo');
  return <WallLayout name="demo" extra={<DemoControls onStartTour={onStartTour} />} />;
}
