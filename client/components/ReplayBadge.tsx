// Where a header says LIVE, a replay says PUTAR ULANG / REPLAY with the moment shown and the
// speed: another word, another colour (violet block, not a green dot) and another shape (a
// turning-back arrow), so a replayed wall is never taken for the present.
import { useTranslation } from 'react-i18next';
import { formatClock, formatShortDate, type Lang } from './format.ts';
import { ReplayIcon, WarningIcon } from './icons.tsx';

interface ReplayBadgeProps {
  atMs: number;
  speed: number;
  timeZone: string;
  lang: Lang;
  error: string | null;
  reachedNow: boolean;
}

export function ReplayBadge({ atMs, speed, timeZone, lang, error, reachedNow }: ReplayBadgeProps) {
  const { t } = useTranslation();
  const at = new Date(atMs);
  return (
    <span className="replay-badge" data-testid="replay-badge" data-at={at.toISOString()} role="status">
      <ReplayIcon />
      <span className="replay-word">{t('replay.word')}</span>
      <span className="replay-when fig" data-testid="replay-when">
        {formatShortDate(at, timeZone, lang)} {formatClock(at, timeZone)}
      </span>
      <span className="replay-speed fig">{t('replay.speed', { speed })}</span>
      {reachedNow ? <span className="replay-note">{t('replay.reachedNow')}</span> : null}
      {error ? (
        <span className="replay-error" data-testid="replay-error">
          <WarningIcon /> {t('replay.error', { reason: error })}
        </span>
      ) : null}
    </span>
  );
}
