// LIVE | DEMO for a signed-in role that may see both spaces (operator, executive, display), so
// the simulation is one click away, not a query parameter one has to know. The space shown is
// the one the server answered with; switching reloads the page asking for the other.
import { useTranslation } from 'react-i18next';
import { demoOnly, SPACES } from '../../../shared/contract/views.ts';
import { withSpace } from '../../api/requested-space.ts';
import { useViewerRole } from '../../api/use-viewer-role.ts';
import { useLive } from '../../live/store.ts';

export function SpaceSwitch() {
  const { t } = useTranslation();
  const role = useViewerRole();
  const current = useLive((s) => s.data.space);
  if (role === null || demoOnly(role)) return null;
  return (
    <span className="lang-switch space-switch" role="group" aria-label={t('space.label')} data-testid="space-switch">
      {SPACES.map((space, i) => (
        <span key={space}>
          {i > 0 ? <span className="lang-sep">|</span> : null}
          <button
            type="button"
            className={`lang-btn${space === current ? ' lang-btn--on' : ''}`}
            aria-pressed={space === current}
            data-testid={`space-${space}`}
            onClick={() => {
              if (space !== current) window.location.assign(withSpace(window.location.href, space));
            }}
          >
            {t(`space.${space}`)}
          </button>
        </span>
      ))}
    </span>
  );
}
