// / and /demo: the public screen for visiting delegations. The wall on simulated data with a
// permanent watermark, the language switch, the guided tour and, for the presenter (or an
// operator) signed in on this browser, the presenter's panel; a visitor only watches. Tour
// and panel sit outside the wall's theme box, so each carries the dark theme itself.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canControlDemo } from '../../../shared/contract/views.ts';
import { readToken } from '../../api/credentials.ts';
import { useViewerRole } from '../../api/use-viewer-role.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { navigate } from '../../components/navigation.ts';
import { useLiveConnection } from '../../live/use-live-connection.ts';
import { WallLayout } from '../wall/WallLayout.tsx';
import { PresenterPanel } from './PresenterPanel.tsx';
import { Tour } from './tour/Tour.tsx';
import { usePresenterKey } from './use-presenter-key.ts';
import './demo.css';

interface DemoControlsProps {
  onStartTour: (() => void) | undefined;
  /** Absent for a visitor: only the presenter (or an operator) drives the demo. */
  onPresenter: (() => void) | undefined;
  presenterOpen: boolean;
}

function DemoControls({ onStartTour, onPresenter, presenterOpen }: DemoControlsProps) {
  const { t } = useTranslation();
  return (
    <div className="demo-controls">
      <LanguageSwitch />
      <button type="button" className="btn btn--tour" data-testid="tour-start" disabled={onStartTour === undefined} onClick={onStartTour}>
        {t('demo.tour')}
      </button>
      {onPresenter ? (
        <button
          type="button"
          className="btn btn--quiet"
          data-testid="presenter-toggle"
          aria-pressed={presenterOpen}
          aria-keyshortcuts="p"
          onClick={onPresenter}
        >
          {t('presenter.button')}
        </button>
      ) : null}
      <button type="button" className="btn btn--quiet" data-testid="demo-signin" onClick={() => navigate('/signin')}>
        {t('demo.signin')}
      </button>
    </div>
  );
}

export function DemoPage() {
  // A signed-in viewer may ask for the demo space; a visitor without a token only ever gets it.
  useLiveConnection(readToken(), 'demo');
  const [touring, setTouring] = useState(false);
  const [presenter, setPresenter] = useState(false);
  const role = useViewerRole();
  const presenting = role !== null && canControlDemo(role);
  const togglePresenter = presenting ? () => setPresenter((p) => !p) : undefined;
  usePresenterKey(() => togglePresenter?.());
  return (
    <>
      <WallLayout
        name="demo"
        // The tour points at the overview's columns: while it runs, the overview stays on screen.
        {...(touring ? { pinPage: 'overview' as const } : {})}
        extra={<DemoControls onStartTour={touring ? undefined : () => setTouring(true)} onPresenter={togglePresenter} presenterOpen={presenter} />}
      />
      {touring ? <Tour onEnd={() => setTouring(false)} /> : null}
      {presenter && presenting ? <PresenterPanel onClose={() => setPresenter(false)} /> : null}
    </>
  );
}
