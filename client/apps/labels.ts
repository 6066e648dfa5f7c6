// Words of the app components. They live in the locale files (client/app/locales/*.json,
// sections `apps` and `alerts`) with the rest of the interface; components take `labels` so
// that they stay free of i18next and render the same in unit tests and in any page.
import type { APP_CATEGORIES } from '../../shared/contract/city.ts';
import type { ALERT_KINDS } from '../../shared/contract/events.ts';
import type { AppState } from '../../shared/contract/views.ts';
import type { Lang } from '../components/format.ts';
import en from '../app/locales/en.json' with { type: 'json' };
import id from '../app/locales/id.json' with { type: 'json' };

type AlertKind = (typeof ALERT_KINDS)[number];
type AppCategory = (typeof APP_CATEGORIES)[number];

export interface AppLabels {
  appsTitle: string;
  state: Record<AppState, string>;
  attention: string;
  allNormal: string;
  more: (n: number) => string;
  topTitle: string;
  today: string;
  lastHour: string;
  noActivity: string;
  alertsTitle: string;
  noAlerts: string;
  alertKind: Record<AlertKind, string>;
  ack: string;
  acked: string;
  since: string;
  trendsTitle: (days: number) => string;
  previousPeriod: string;
  currentPeriod: string;
  change: string;
  byAgency: string;
  bySuperApp: string;
  byCategory: string;
  name: string;
  sessions: string;
  transactions: string;
  complaints: string;
  errors: string;
  total: string;
  exportCsv: string;
  noSuperApp: string;
  unregistered: string;
  category: Record<AppCategory, string>;
}

const LOCALES: Record<Lang, typeof id> = { id, en };

const fill = (template: string, key: string, value: number): string => template.replace(`{{${key}}}`, String(value));
const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

function buildLabels(lang: Lang): AppLabels {
  const { apps: a, alerts } = LOCALES[lang];
  const kind = alerts.kind;
  return {
    appsTitle: a.title,
    state: a.state,
    attention: a.attention,
    allNormal: a.allNormal,
    more: (n) => fill(a.more, 'n', n),
    topTitle: a.topTitle,
    today: a.today,
    lastHour: a.lastHour,
    noActivity: a.noActivity,
    alertsTitle: alerts.title,
    noAlerts: a.noAlerts,
    alertKind: {
      spike: capitalise(kind.spike), drop: capitalise(kind.drop), silent: capitalise(kind.silent),
      'error-rate': capitalise(kind['error-rate']), 'complaint-spike': capitalise(kind['complaint-spike']), queue: capitalise(kind.queue),
    },
    ack: alerts.ack,
    acked: alerts.acked,
    since: a.since,
    trendsTitle: (days) => fill(a.trendsTitle, 'days', days),
    previousPeriod: a.previousPeriod,
    currentPeriod: a.currentPeriod,
    change: a.change,
    byAgency: a.byAgency,
    bySuperApp: a.bySuperApp,
    byCategory: a.byCategory,
    name: a.name,
    sessions: a.sessions,
    transactions: a.transactions,
    complaints: a.complaints,
    errors: a.errors,
    total: a.total,
    exportCsv: a.exportCsv,
    noSuperApp: a.noSuperApp,
    unregistered: a.unregistered,
    category: a.category,
  };
}

// One object per language, so components that compare labels by identity do not re-render.
const BUILT: Record<Lang, AppLabels> = { id: buildLabels('id'), en: buildLabels('en') };

export function appLabels(lang: Lang): AppLabels {
  return BUILT[lang];
}

export function withLabels(over: Partial<AppLabels> | undefined): AppLabels {
  return over ? { ...BUILT.id, ...over } : BUILT.id;
}

/** Order of states by urgency: what needs attention first. */
export const STATE_ORDER: readonly AppState[] = ['failing', 'silent', 'spiking', 'normal', 'idle'];
