// "A scenario played live": for the presenter (or an operator), starts a flood in the kecamatan
// the simulator knows for flooding (at 10× if the demo runs slower); a visitor, who may not drive
// the demo, is shown the scenario that runs, if any. Either way calls and incidents rise against
// the moment the step began.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canControlDemo } from '../../../../shared/contract/views.ts';
import { fetchDemoStatus, isDemoScenario, setDemoSpeed, startDemoScenario, type DemoStatus } from '../../../api/demo.ts';
import { useViewerRole } from '../../../api/use-viewer-role.ts';
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

type Start =
  | { state: 'starting' }
  | { state: 'started'; kecamatan: string | null; speed: number }
  | { state: 'watching'; scenario: string; kecamatan: string | null }
  | { state: 'idle' }
  | { state: 'failed'; reason: string };

/** What a visitor's tour shows: the scenario the presenter runs, or that none runs yet. */
async function watchRunning(): Promise<Start> {
  const running = (await fetchDemoStatus()).scenarios?.[0];
  return running ? { state: 'watching', scenario: running.name, kecamatan: running.kecamatan } : { state: 'idle' };
}

export function ScenarioStep() {
  const { t } = useTranslation();
  const lang = useLang();
  const kecamatanName = useKecamatanNames();
  const now = useFigures();
  // The figures when the step opened: the rise is measured from here.
  const [from] = useState(now);
  const [start, setStart] = useState<Start>({ state: 'starting' });
  const role = useViewerRole();
  useEffect(() => {
    if (role === null) return undefined;
    let live = true;
    void (async () => {
      try {
        if (!canControlDemo(role)) {
          const watched = await watchRunning();
          if (live) setStart(watched);
          return;
        }
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
  }, [role]);
  const where = (code: string | null) => (code ? kecamatanName(code) : '—');
  const stateText = (st: Start): string => {
    switch (st.state) {
      case 'starting': return t('tour.scenario.starting');
      case 'failed': return t('tour.scenario.failed', { reason: st.reason });
      case 'idle': return t('tour.scenario.idle');
      case 'started': return t('tour.scenario.started', { kecamatan: where(st.kecamatan), speed: st.speed });
      case 'watching':
        return t('tour.scenario.watching', {
          scenario: isDemoScenario(st.scenario) ? t(`presenter.scenario.${st.scenario}`) : st.scenario,
          kecamatan: where(st.kecamatan),
        });
    }
  };
  return (
    <>
      <p>{t('tour.scenario.body')}</p>
      <p className="tour-facts" data-testid="tour-scenario-state" data-state={start.state}>
        {stateText(start)}
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
