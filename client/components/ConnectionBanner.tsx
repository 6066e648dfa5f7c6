// Never silently stale (ui.md): a banner while reconnecting, a full-width one with the age
// of the data once stale. Nothing at all while live.
import { useTranslation } from 'react-i18next';
import type { ShownState } from './ConnectionIndicator.tsx';
import { formatAge, type Lang } from './format.ts';
import { useNow } from './use-now.ts';

interface ConnectionBannerProps {
  state: ShownState;
  /** When the data was last known to be current, or null if it never was. */
  lastUpdateAt: number | null;
  refused: string | null;
  lang: Lang;
}

function StaleAge({ lastUpdateAt, lang }: { lastUpdateAt: number; lang: Lang }) {
  const { t } = useTranslation();
  const age = formatAge(useNow() - lastUpdateAt, lang);
  return <>{t('conn.stale', { age })}</>;
}

export function ConnectionBanner({ state, lastUpdateAt, refused, lang }: ConnectionBannerProps) {
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
      <div className="banner banner--stale" role="alert" data-testid="conn-banner" data-state="stale">
        {lastUpdateAt === null ? t('conn.staleNever') : <StaleAge lastUpdateAt={lastUpdateAt} lang={lang} />}
      </div>
    );
  }
  return null;
}
