// Date and time in the city's timezone (not the browser's: a wall PC may be set to UTC).
import { formatClock, formatLongDate, formatShortDate, type Lang } from './format.ts';
import { useNow } from './use-now.ts';

interface ClockProps {
  timezone: string;
  timezoneLabel: string;
  lang: Lang;
  /** Server clock minus browser clock, so the wall shows the server's time. */
  offsetMs?: number;
}

export function Clock({ timezone, timezoneLabel, lang, offsetMs = 0 }: ClockProps) {
  const now = new Date(useNow() + offsetMs);
  return (
    <div className="clock">
      <span className="clock-date clock-date--long" data-testid="clock-date">
        {formatLongDate(now, timezone, lang)}
      </span>
      {/* Shown instead of the long date where a header is crowded (the demo wall's controls). */}
      <span className="clock-date clock-date--short" data-testid="clock-date-short">
        {formatShortDate(now, timezone, lang)}
      </span>
      <span className="clock-time fig" data-testid="clock-time">
        {formatClock(now, timezone)}
      </span>
      <span className="clock-zone">{timezoneLabel}</span>
    </div>
  );
}
