// A ticking wait since receivedAt, coloured by the city's thresholds. Every timer on the page
// reads the one shared clock (use-now.ts), held still while the data is not current (frozen-clock.ts).
import { useTranslation } from 'react-i18next';
import { formatWait, waitLevel } from './format.ts';
import { CriticalIcon, WarningIcon } from './icons.tsx';
import { useDataNow } from './frozen-clock.ts';

export interface WaitThresholds {
  warningSeconds: number;
  criticalSeconds: number;
}

interface WaitTimerProps {
  receivedAt: string;
  /** Server clock minus browser clock. */
  offsetMs: number;
  thresholds: WaitThresholds | null;
  testId?: string;
  /** Show the level as a word beside the icon (the big "longest wait" does). */
  showWord?: boolean;
  className?: string;
}

export function WaitTimer({ receivedAt, offsetMs, thresholds, testId, showWord = false, className }: WaitTimerProps) {
  const { t } = useTranslation();
  const now = useDataNow();
  const receivedMs = Date.parse(receivedAt);
  const seconds = Number.isFinite(receivedMs) ? Math.max(0, (now + offsetMs - receivedMs) / 1000) : 0;
  const level = waitLevel(seconds, thresholds);
  const word = t(`wait.${level}`);
  return (
    <span className={`wait wait--${level}${className ? ` ${className}` : ''}`} data-level={level} data-hours={seconds >= 3600} title={word}>
      <span className="wait-time fig" data-testid={testId}>
        {formatWait(seconds)}
      </span>
      {level === 'warning' ? <WarningIcon title={word} /> : level === 'critical' ? <CriticalIcon title={word} /> : null}
      {showWord && level !== 'normal' ? <span className="wait-word">{word}</span> : null}
    </span>
  );
}
