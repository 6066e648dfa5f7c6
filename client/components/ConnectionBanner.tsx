// Never silently stale (ui.md): a banner while reconnecting, a full-width one with the age
// of the data once stale (saying so when it is the server's source that is away). Nothing at
// all while live.
import { useTranslation } from 'react-i18next';
import type { ShownState } from './ConnectionIndicator.tsx';
import { formatAge, type Lang } from './format.ts';
import { useNow } from './use-now.ts';

interface ConnectionBannerProps {
  state: ShownState;
  /** When the data was last known to be current, or null if it never was. */
  lastUpdateAt: number | null;
  refused: string | null;
  /** The server said its source (Redis) is away: stale at once, and the banner says why. */
  sourceAway: boolean;
  lang: Lang;
}

function StaleAge({ lastUpdateAt, lang, sourceAway }: { lastUpdateAt: number; lang: Lang; sourceAway: boolean }) {
  const { t } = useTranslation();
  const age = formatAge(useNow() - lastUpdateAt, lang);
  return <>{sourceAway ? t('conn.sourceAway', { age }) : t('conn.stale', { age })}</>;
}

export function ConnectionBanner({ state, lastUpdateAt, refused, sourceAway, lang }: ConnectionBannerProps) {
  const { t } = useTranslation();
  if (refused !== null) {
    return (
      <div className="banner banner--refused" role="alert" data-testid="conn-banner" data-state="refused">
        {t('conn.refused', { reason: refused })}
      </div>
    );
  }
  if (state === 'reconnecting') {
    return (
      <div className="banner banner--reconnecting" role="alert" data-testid="conn-banner" data-state="reconnecting">
        {t('conn.reconnecting')}
      </div>
    );
  }
  if (state === 'stale') {
    return (
      <div className="banner banner--stale" role="alert" data-testid="conn-banner" data-state="stale" {...(sourceAway ? { 'data-reason': 'source' } : {})}>
        {lastUpdateAt === null ? t('conn.staleNever') : <StaleAge lastUpdateAt={lastUpdateAt} lang={lang} sourceAway={sourceAway} />}
      </div>
    );
  }
  return null;
}
