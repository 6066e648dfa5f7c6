// The presenter's controls, small and out of the way (bottom right; `p` shows and hides it):
// start a scenario, change the time-lapse speed, reset the simulation, and see what runs.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEMO_SCENARIOS, DEMO_SPEEDS, isDemoScenario, resetDemo, setDemoSpeed, startDemoScenario } from '../../api/demo.ts';
import { useDemoStatus } from '../../api/use-demo-status.ts';
import { useCity } from '../../api/use-city.ts';
import { formatShortTime } from '../../components/format.ts';
import { useKecamatanNames } from '../common/use-kecamatan-names.ts';

type Pending = { what: string } | null;

export function PresenterPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { city } = useCity();
  const kecamatanName = useKecamatanNames();
  const { status, error, refresh } = useDemoStatus(true);
  const [pending, setPending] = useState<Pending>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const timeZone = city?.timezone ?? 'Asia/Jakarta';

  const run = async (what: string, action: () => Promise<void>) => {
    setPending({ what });
    setFailed(null);
    try {
      await action();
    } catch (err) {
      setFailed(err instanceof Error ? err.message : String(err));
    }
    setPending(null);
    refresh();
  };
  const speed = status?.speed ?? null;
  const active = status?.scenarios ?? [];

  return (
    <aside className="presenter theme-dark" data-testid="presenter" aria-label={t('presenter.title')}>
      <header className="presenter-head">
        <h2>{t('presenter.title')}</h2>
        <button type="button" className="btn btn--quiet" data-testid="presenter-close" aria-keyshortcuts="p" onClick={onClose}>
          {t('presenter.hide')}
        </button>
      </header>
      <div className="presenter-status" role="status" data-testid="presenter-status" data-running={status?.running ?? false}>
        {error !== null
          ? t('presenter.statusError', { reason: error })
          : status === null
            ? t('app.loading')
            : status.running
              ? t('presenter.running', { speed: speed ?? 1 })
              : t('presenter.stopped')}
        {status?.backfilling ? <div data-testid="presenter-backfilling">{t('presenter.backfilling')}</div> : null}
        {status?.writingHistory ? <div data-testid="presenter-history">{t('presenter.history')}</div> : null}
        {active.map((s) => (
          <div key={s.name} className="presenter-active" data-testid={`presenter-active-${s.name}`}>
            ▶ {isDemoScenario(s.name) ? t(`presenter.scenario.${s.name}`) : s.name}
            {s.kecamatan ? ` · ${kecamatanName(s.kecamatan)}` : ''}
            {s.endsAt ? ` · ${t('presenter.until', { time: formatShortTime(new Date(s.endsAt), timeZone) })}` : ''}
          </div>
        ))}
      </div>
      <div className="presenter-group" role="group" aria-label={t('presenter.scenarios')}>
        {DEMO_SCENARIOS.map((name) => (
          <button
            key={name}
            type="button"
            className="btn"
            data-testid={`scenario-${name}`}
            disabled={pending !== null}
            onClick={() => void run(name, () => startDemoScenario(name))}
          >
            {t(`presenter.scenario.${name}`)}
          </button>
        ))}
      </div>
      <div className="presenter-group" role="group" aria-label={t('presenter.speed')}>
        <span className="presenter-label">{t('presenter.speed')}</span>
        {DEMO_SPEEDS.map((n) => (
          <button
            key={n}
            type="button"
            className={`chip${speed === n ? ' chip--on' : ''}`}
            aria-pressed={speed === n}
            data-testid={`speed-${n}`}
            disabled={pending !== null}
            onClick={() => void run(`speed ${n}`, () => setDemoSpeed(n))}
          >
            {n}×
          </button>
        ))}
      </div>
      <div className="presenter-group">
        {confirmReset ? (
          <>
            <span>{t('presenter.resetConfirm')}</span>
            <button
              type="button"
              className="btn btn--danger"
              data-testid="demo-reset-confirm"
              onClick={() => {
                setConfirmReset(false);
                void run('reset', resetDemo);
              }}
            >
              {t('presenter.resetYes')}
            </button>
            <button type="button" className="btn btn--quiet" onClick={() => setConfirmReset(false)}>
              {t('presenter.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="btn" data-testid="demo-reset" disabled={pending !== null} onClick={() => setConfirmReset(true)}>
            {t('presenter.reset')}
          </button>
        )}
      </div>
      {failed !== null ? (
        <p className="error" role="alert">
          {t('presenter.failed', { reason: failed })}
        </p>
      ) : null}
    </aside>
  );
}
