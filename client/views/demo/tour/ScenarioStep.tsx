// "A scenario played live": for the presenter (or an operator), starts a flood in the kecamatan
// the simulator knows for flooding; a visitor, who may not drive the demo, is shown the scenario
// that runs, if any. Either way calls and incidents rise against the moment the step began. The
// scenario shows within seconds at the demo's own speed (server/sim/scenarios.ts, SCENARIO_PACE),
// and the step says "calls are coming in" only once a call from that kecamatan is on screen.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canControlDemo } from '../../../../shared/contract/views.ts';
import { fetchDemoStatus, isDemoScenario, startDemoScenario, type DemoStatus } from '../../../api/demo.ts';
import { useViewerRole } from '../../../api/use-viewer-role.ts';
import { formatCount, type Lang } from '../../../components/format.ts';
import { useLang } from '../../../components/use-lang.ts';
import { useLive } from '../../../live/store.ts';
import { useKecamatanNames } from '../../common/use-kecamatan-names.ts';

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

/**
 * Whether a call or an incident from `kecamatan` has been on screen since the step opened (latched:
 * a call answered a moment later does not take it back).
 */
function useArrived(kecamatan: string | null): boolean {
  const here = useLive((s) =>
    kecamatan !== null
    && (Object.values(s.data.waiting).some((c) => c.kecamatan === kecamatan)
      || Object.values(s.data.incidents).some((i) => i.location?.kecamatan === kecamatan && i.category === 'flood')));
  const [seen, setSeen] = useState(false);
  // Latched during render (React's pattern for state derived from a change), not in an effect.
  if (here && !seen) setSeen(true);
  return seen || here;
}

type Start =
  | { state: 'starting' }
  | { state: 'started'; kecamatan: string | null }
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
        const flood = status.scenarios?.find((s) => s.name === 'flood');
        if (live) setStart({ state: 'started', kecamatan: flood?.kecamatan ?? null });
      } catch (err) {
        if (live) setStart({ state: 'failed', reason: err instanceof Error ? err.message : String(err) });
      }
    })();
    return () => {
      live = false;
    };
  }, [role]);
  const where = (code: string | null) => (code ? kecamatanName(code) : '—');
  const place = start.state === 'started' || start.state === 'watching' ? start.kecamatan : null;
  const arrived = useArrived(place);
  // Until a call from the scenario's kecamatan is on screen, the step does not say it is there.
  const shown: Start['state'] | 'arriving' = (start.state === 'started' || start.state === 'watching') && !arrived ? 'arriving' : start.state;
  const stateText = (st: Start): string => {
    switch (st.state) {
      case 'starting': return t('tour.scenario.starting');
      case 'failed': return t('tour.scenario.failed', { reason: st.reason });
      case 'idle': return t('tour.scenario.idle');
      case 'started':
        return arrived ? t('tour.scenario.started', { kecamatan: where(st.kecamatan) }) : t('tour.scenario.arriving', { kecamatan: where(st.kecamatan) });
      case 'watching':
        if (!arrived) return t('tour.scenario.arriving', { kecamatan: where(st.kecamatan) });
        return t('tour.scenario.watching', {
          scenario: isDemoScenario(st.scenario) ? t(`presenter.scenario.${st.scenario}`) : st.scenario,
          kecamatan: where(st.kecamatan),
        });
    }
  };
  return (
    <>
      <p>{t('tour.scenario.body')}</p>
      <p className="tour-facts" data-testid="tour-scenario-state" data-state={shown}>
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
