// The header of the desk views (operator, executive): title, city, clock, connection,
// language, and the way out (sign out).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { clearToken, readToken } from '../../api/credentials.ts';
import { useCity } from '../../api/use-city.ts';
import { Clock } from '../../components/Clock.tsx';
import { ConnectionIndicator } from '../../components/ConnectionIndicator.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { SpaceSwitch } from './SpaceSwitch.tsx';
import { navigate } from '../../components/navigation.ts';
import { useLang } from '../../components/use-lang.ts';
import { DemoBadge } from '../../components/Watermark.tsx';
import { useLive } from '../../live/store.ts';
import { useViewConnection } from './use-view-connection.ts';

/** `actions`: view-specific buttons (print, shortcuts), placed before the clock. */
export function DeskHeader({ title, actions }: { title: string; actions?: ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { city } = useCity();
  const isDemo = useLive((s) => s.data.space === 'demo');
  const offsetMs = useLive((s) => s.clockOffsetMs);
  const { shown } = useViewConnection();
  const signedIn = readToken() !== null;
  return (
    <header className="desk-header">
      <h1 className="desk-title">
        {title}
        <span className="muted" data-testid="city-name">
          {city ? ` · ${city.name}` : ''}
        </span>
      </h1>
      {isDemo ? <DemoBadge /> : null}
      <div className="desk-header-right">
        {actions}
        {city ? <Clock timezone={city.timezone} timezoneLabel={city.timezoneLabel} lang={lang} offsetMs={offsetMs} /> : null}
        <ConnectionIndicator state={shown} />
        <SpaceSwitch />
        <LanguageSwitch />
        {signedIn ? (
          <button
            type="button"
            className="btn btn--quiet"
            data-testid="sign-out"
            onClick={() => {
              clearToken();
              navigate('/signin');
            }}
          >
            {t('signin.signOut')}
          </button>
        ) : (
          <button type="button" className="btn btn--quiet" onClick={() => navigate('/signin')}>
            {t('nav.signin')}
          </button>
        )}
      </div>
    </header>
  );
}
