// "A scenario played live": starts a flood in the kecamatan the simulator knows for flooding
// (at 10× if the demo runs slower) and shows calls and incidents rising against the moment the
// step began.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchDemoStatus, setDemoSpeed, startDemoScenario, type DemoStatus } from '../../../api/demo.ts';
import { formatCount, type Lang } from '../../../components/format.ts';
import { useLang } from '../../../components/use-lang.ts';
import { useLive } from '../../../live/store.ts';
import { useKecamatanNames } from '../../common/use-kecamatan-names.ts';

/** Fast enough that a delegation sees the flood arrive while the presenter talks. */
const TOUR_SPEED = 10;

/** The command reaches the simulator through Redis: its status may lag a moment behind. */
async function statusWithFlood(tries = 6): Promise<DemoStatus> {
  let status = await fetchDemoStatus();
  for (let i = 1; i < tries && !status.scenarios?.some((s) => s.name === 'flood'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    status = await fetchDemoStatus();
  }
  return status;
}

interface Figures {
  waiting: number;
  offered: number;
  open: number;
  floods: number;
}

function useFigures(): Figures {
  const waiting = useLive((s) => Object.keys(s.data.waiting).length);
  const offered = useLive((s) => s.data.kpis?.calls.all.offered ?? 0);
  const open = useLive((s) => Object.keys(s.data.incidents).length);
  const floods = useLive((s) => Object.values(s.data.incidents).filter((i) => i.category === 'flood').length);
  return { waiting, offered, open, floods };
}

function Rise({ label, from, now, lang, testId }: { label: string; from: number; now: number; lang: Lang; testId: string }) {
  const d = now - from;
  return (
    <li className="tour-rise" data-testid={testId}>
      <span className="tour-rise-label">{label}</span>
      <span className="fig tour-rise-value">{formatCount(now, lang)}</span>
      <span className={`fig tour-rise-delta${d > 0 ? ' tour-rise-delta--up' : ''}`}>
        {d > 0 ? `+${formatCount(d, lang)}` : '±0'}
      </span>
    </li>
  );
}

type Start = { state: 'starting' } | { state: 'started'; kecamatan: string | null; speed: number } | { state: 'failed'; reason: string };

export function ScenarioStep() {
  const { t } = useTranslation();
  const lang = useLang();
  const kecamatanName = useKecamatanNames();
  const now = useFigures();
  // The figures when the step opened: the rise is measured from here.
  const [from] = useState(now);
  const [start, setStart] = useState<Start>({ state: 'starting' });
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        await startDemoScenario('flood');
        const status = await statusWithFlood();
        const speed = status.speed ?? 1;
        if (speed < TOUR_SPEED) await setDemoSpeed(TOUR_SPEED);
        const flood = status.scenarios?.find((s) => s.name === 'flood');
        if (live) setStart({ state: 'started', kecamatan: flood?.kecamatan ?? null, speed: Math.max(speed, TOUR_SPEED) });
      } catch (err) {
        if (live) setStart({ state: 'failed', reason: err instanceof Error ? err.message : String(err) });
      }
    })();
    return () => {
      live = false;
    };
  }, []);
  return (
    <>
      <p>{t('tour.scenario.body')}</p>
      <p className="tour-facts" data-testid="tour-scenario-state" data-state={start.state}>
        {start.state === 'starting'
          ? t('tour.scenario.starting')
          : start.state === 'failed'
            ? t('tour.scenario.failed', { reason: start.reason })
            : t('tour.scenario.started', { kecamatan: start.kecamatan ? kecamatanName(start.kecamatan) : '—', speed: start.speed })}
      </p>
      <ul className="tour-rises">
        <Rise label={t('tour.scenario.waiting')} from={from.waiting} now={now.waiting} lang={lang} testId="tour-rise-waiting" />
        <Rise label={t('tour.scenario.offered')} from={from.offered} now={now.offered} lang={lang} testId="tour-rise-offered" />
        <Rise label={t('tour.scenario.open')} from={from.open} now={now.open} lang={lang} testId="tour-rise-open" />
        <Rise label={t('tour.scenario.floods')} from={from.floods} now={now.floods} lang={lang} testId="tour-rise-floods" />
      </ul>
    </>
  );
}
