// The captions of the steps that explain a part of the wall, each with a live figure or two
// from the screen behind it, so the presenter can point at what the card says.
import { useTranslation } from 'react-i18next';
import { LINES } from '../../../../shared/contract/events.ts';
import { useCity } from '../../../api/use-city.ts';
import { formatCount, formatPercent } from '../../../components/format.ts';
import { TargetMark } from '../../../components/TargetMark.tsx';
import { useLang } from '../../../components/use-lang.ts';
import { useLive } from '../../../live/store.ts';

export function WelcomeStep() {
  const { t } = useTranslation();
  const lang = useLang();
  const { city } = useCity();
  return (
    <>
      <p>{t('tour.welcome.body', { city: city?.name ?? '' })}</p>
      <p className="tour-facts">
        {t('tour.welcome.facts', {
          kecamatan: formatCount(city?.kecamatan.length ?? null, lang),
          apps: formatCount(city?.apps.length ?? null, lang),
        })}
      </p>
      <p className="tour-hint">{t('tour.welcome.lang')}</p>
    </>
  );
}

export function QueuesStep() {
  const { t } = useTranslation();
  const lang = useLang();
  const { city } = useCity();
  const calls = useLive((s) => s.data.kpis?.calls ?? null);
  return (
    <>
      <p>{t('tour.queues.body')}</p>
      <p>{t('tour.queues.targets')}</p>
      <ul className="tour-figures">
        {LINES.map((line) => (
          <li key={line}>
            <b>{line}</b> {t('queue.sl', { t: 20 })} <span className="fig">{formatPercent(calls?.[line].sl20, lang)}</span>{' '}
            <TargetMark value={calls?.[line].sl20} target={city?.targets.sl20} showWord />
          </li>
        ))}
      </ul>
    </>
  );
}

export function MapStep() {
  const { t } = useTranslation();
  const lang = useLang();
  const { city } = useCity();
  const open = useLive((s) => Object.keys(s.data.incidents).length);
  return (
    <>
      <p>{t('tour.map.body', { kecamatan: formatCount(city?.kecamatan.length ?? null, lang) })}</p>
      <p>{t('tour.map.priorities')}</p>
      <p className="tour-facts">{t('tour.map.open', { n: formatCount(open, lang) })}</p>
    </>
  );
}

export function AppsStep() {
  const { t } = useTranslation();
  const lang = useLang();
  const counts = useLive((s) => s.data.apps?.stateCounts ?? null);
  const alerts = useLive((s) => Object.values(s.data.alerts).filter((a) => a.clearedAt === null).length);
  return (
    <>
      <p>{t('tour.apps.body')}</p>
      <p>{t('tour.apps.alerts')}</p>
      <p className="tour-facts">
        {t('tour.apps.now', {
          normal: formatCount(counts?.normal ?? null, lang),
          attention: formatCount(counts ? counts.failing + counts.silent + counts.spiking : null, lang),
          alerts: formatCount(alerts, lang),
        })}
      </p>
    </>
  );
}
