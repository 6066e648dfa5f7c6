// /operator: the desk. Dense and light: queues with full numbers, open incidents with their
// timelines, alerts to acknowledge, filters by line, kecamatan and category, and keyboard
// shortcuts (listed on `?`).
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LINES } from '../../../shared/contract/events.ts';
import { readToken } from '../../api/credentials.ts';
import { useCity } from '../../api/use-city.ts';
import { ackAlert } from '../../live/connection.ts';
import { newestUnacked } from '../../live/selectors.ts';
import { useLive } from '../../live/store.ts';
import { useLiveConnection } from '../../live/use-live-connection.ts';
import { requestedSpace } from '../../api/requested-space.ts';
import { useViewerRole } from '../../api/use-viewer-role.ts';
import { demoOnly } from '../../../shared/contract/views.ts';
import { DeskHeader } from '../common/DeskHeader.tsx';
import { subjectName, useSubjectNames } from '../common/use-subject-names.ts';
import { ScreenAlarm } from '../common/ScreenAlarm.tsx';
import { ViewShell } from '../common/ViewShell.tsx';
import { AlertList } from './AlertList.tsx';
import { CallbackList } from './CallbackList.tsx';
import { FilterBar } from './FilterBar.tsx';
import { filterIncidents, NO_FILTERS, type DeskFilters } from './filters.ts';
import { deskIncidentOrder } from './incident-order.ts';
import { IncidentList } from './IncidentList.tsx';
import { OperatorQueue } from './OperatorQueue.tsx';
import { ShortcutHelp } from './ShortcutHelp.tsx';
import type { ShortcutAction } from './shortcuts.ts';
import { useShortcuts } from './use-shortcuts.ts';
import '../common/desk.css';

export function OperatorPage() {
  const { t } = useTranslation();
  const token = readToken();
  useLiveConnection(token, requestedSpace());
  const { city } = useCity();
  const [filters, setFilters] = useState<DeskFilters>(NO_FILTERS);
  const [help, setHelp] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const names = useSubjectNames();
  const kecamatanRef = useRef<HTMLSelectElement>(null);
  const open = useLive((s) => s.data.incidents);
  const alerts = useLive((s) => s.data.alerts);
  const isDemo = useLive((s) => s.data.space === 'demo');
  const role = useViewerRole();
  // Signed in as someone who may see live data: the way back is the LIVE | DEMO switch.
  const signedIn = role !== null && !demoOnly(role);
  const incidents = useMemo(() => filterIncidents(deskIncidentOrder(Object.values(open)), filters), [open, filters]);
  const timeZone = city?.timezone ?? 'Asia/Jakarta';
  const lines = filters.line === null ? LINES : [filters.line];

  const ackNewest = async () => {
    const alert = newestUnacked(alerts);
    if (token === null) return setSaid(t('shortcuts.ackNeedsSignIn'));
    if (alert === null) return setSaid(t('shortcuts.nothingToAck'));
    const result = await ackAlert(alert.alertId);
    setSaid(result.ok ? t('shortcuts.acked', { subject: subjectName(alert, names) }) : t('alerts.ackFailed', { reason: result.error ?? 'error' }));
  };
  const onShortcut = (action: ShortcutAction) => {
    switch (action) {
      case 'help':
        return setHelp((h) => !h);
      case 'close':
        setHelp(false);
        // Esc also leaves a focused filter, so the next key is a shortcut again.
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
        return;
      case 'line-all':
        return setFilters((f) => ({ ...f, line: null }));
      case 'line-112':
        return setFilters((f) => ({ ...f, line: '112' }));
      case 'line-119':
        return setFilters((f) => ({ ...f, line: '119' }));
      case 'focus-kecamatan':
        return kecamatanRef.current?.focus();
      case 'ack-newest':
        return void ackNewest();
    }
  };
  useShortcuts(onShortcut);

  return (
    <ViewShell name="operator" theme="light">
      <DeskHeader
        title={t('operator.title')}
        actions={
          <button type="button" className="btn btn--quiet" data-testid="shortcut-open" aria-keyshortcuts="?" onClick={() => setHelp(true)}>
            {t('shortcuts.button')} <kbd>?</kbd>
          </button>
        }
      />
      <ScreenAlarm variant="desk" withSound canAck={token !== null} timeZone={timeZone} />
      {isDemo || token === null ? <p className="notice">{t(signedIn ? 'operator.demoSwitchNotice' : 'operator.demoNotice')}</p> : null}
      <FilterBar filters={filters} kecamatan={city?.kecamatan ?? []} onChange={setFilters} kecamatanRef={kecamatanRef} />
      <p className="op-said" role="status" data-testid="op-said">
        {said}
      </p>
      <div className="op-grid">
        <div className="op-col">
          {lines.map((line) => (
            <OperatorQueue key={line} line={line} />
          ))}
        </div>
        <div className="op-col op-col--wide">
          <IncidentList incidents={incidents} timeZone={timeZone} />
        </div>
        <div className="op-col">
          <CallbackList canMark={token !== null && role === 'operator'} />
          <AlertList timeZone={timeZone} canAck={token !== null} />
        </div>
      </div>
      {help ? <ShortcutHelp onClose={() => setHelp(false)} /> : null}
    </ViewShell>
  );
}
