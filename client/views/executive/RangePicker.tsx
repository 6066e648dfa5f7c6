// The executive view's range: a chip per preset and a custom from–to (city days, inclusive).
// The chosen range is written into the URL by the page; this only reports the choice (the page
// keys it by the range, so the custom fields start from the range shown). On paper the range is
// printed as text.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDayLabel, type Lang } from '../../components/format.ts';
import { toIsoWithOffset } from '../../components/city-time.ts';
import { isDayKey, PRESETS, type RangeSpec, type ResolvedRange, type Window } from './range.ts';

interface RangePickerProps {
  range: ResolvedRange;
  /** The city's today, `YYYY-MM-DD`: the custom fields go no further. */
  today: string;
  timeZone: string;
  lang: Lang;
  onChange: (spec: RangeSpec) => void;
}

/** `1 Nov – 15 Nov 2026`: the city days a window touches (its last day included). */
export function windowDaysText(w: Window, timeZone: string, lang: Lang): string {
  const first = w.from.slice(0, 10);
  const last = toIsoWithOffset(Math.max(w.fromMs, w.toMs - 1), timeZone).slice(0, 10);
  return first === last ? `${formatDayLabel(first, lang)} ${first.slice(0, 4)}` : `${formatDayLabel(first, lang)} – ${formatDayLabel(last, lang)} ${last.slice(0, 4)}`;
}

export function RangePicker({ range, today, timeZone, lang, onChange }: RangePickerProps) {
  const { t } = useTranslation();
  const spec = range.spec;
  const label = (s: RangeSpec) => (s.kind === 'preset' ? t(`exec.range.${s.preset}`) : t('exec.range.custom'));
  const [from, setFrom] = useState(spec.kind === 'custom' ? spec.from : range.current.from.slice(0, 10));
  const [to, setTo] = useState(spec.kind === 'custom' ? spec.to : today);
  const valid = isDayKey(from) && isDayKey(to) && from <= to && to <= today;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) onChange({ kind: 'custom', from, to });
  };
  return (
    <div className="exec-range" data-testid="exec-range">
      <div className="chips no-print" role="group" aria-label={t('exec.range.label')}>
        {PRESETS.map((p) => {
          const on = spec.kind === 'preset' && spec.preset === p;
          return (
            <button key={p} type="button" className={`chip${on ? ' chip--on' : ''}`} aria-pressed={on} data-testid={`exec-range-${p}`} onClick={() => onChange({ kind: 'preset', preset: p })}>
              {t(`exec.range.${p}`)}
            </button>
          );
        })}
      </div>
      <form className="exec-range-custom no-print" onSubmit={submit} data-testid="exec-range-custom">
        <label>
          {t('exec.range.from')}
          <input type="date" value={from} max={today} onChange={(e) => setFrom(e.target.value)} data-testid="exec-range-from" />
        </label>
        <label>
          {t('exec.range.to')}
          <input type="date" value={to} max={today} onChange={(e) => setTo(e.target.value)} data-testid="exec-range-to" />
        </label>
        <button type="submit" className={`chip${spec.kind === 'custom' ? ' chip--on' : ''}`} disabled={!valid} data-testid="exec-range-apply">
          {t('exec.range.apply')}
        </button>
      </form>
      <p className="exec-range-text" data-testid="exec-range-text" data-from={range.current.from} data-to={range.current.to}>
        <strong>{label(spec)}</strong> · {windowDaysText(range.current, timeZone, lang)}
        <span className="muted"> · {t('exec.range.against', { text: windowDaysText(range.previous, timeZone, lang) })}</span>
      </p>
    </div>
  );
}
