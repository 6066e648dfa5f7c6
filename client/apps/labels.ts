// Words of the app components, Bahasa Indonesia first. Components take `labels` (any part of
// AppLabels) so the page that embeds them can pass its own i18n translation; APP_LABELS_EN
// is there for that page to use.
import type { APP_CATEGORIES } from '../../shared/contract/city.ts';
import type { ALERT_KINDS } from '../../shared/contract/events.ts';
import type { AppState } from '../../shared/contract/views.ts';

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

export const APP_LABELS_ID: AppLabels = {
  appsTitle: 'Aplikasi',
  state: { normal: 'Normal', spiking: 'Melonjak', silent: 'Senyap', failing: 'Gangguan', idle: 'Tidak aktif' },
  attention: 'Perlu perhatian',
  allNormal: 'Semua aplikasi berjalan normal',
  more: (n) => `+${n} lainnya`,
  topTitle: 'Paling aktif hari ini',
  today: 'hari ini',
  lastHour: '60 menit terakhir',
  noActivity: 'Belum ada aktivitas hari ini',
  alertsTitle: 'Peringatan',
  noAlerts: 'Tidak ada peringatan aktif',
  alertKind: {
    spike: 'Lonjakan', drop: 'Penurunan', silent: 'Senyap', 'error-rate': 'Galat tinggi', 'complaint-spike': 'Lonjakan aduan', queue: 'Antrean',
  },
  ack: 'Terima',
  acked: 'Diterima',
  since: 'sejak',
  trendsTitle: (days) => `${days} hari terakhir`,
  previousPeriod: 'periode sebelumnya',
  currentPeriod: 'periode ini',
  change: 'perubahan',
  byAgency: 'Per perangkat daerah (OPD)',
  bySuperApp: 'Per super-app',
  byCategory: 'Per kategori',
  name: 'Nama',
  sessions: 'Sesi',
  transactions: 'Transaksi',
  complaints: 'Aduan',
  errors: 'Galat',
  total: 'Total',
  exportCsv: 'Unduh CSV',
  noSuperApp: 'Tanpa super-app',
  unregistered: 'Tidak terdaftar',
  category: {
    'super-app': 'Super-app', emergency: 'Kedaruratan', complaints: 'Pengaduan', health: 'Kesehatan', population: 'Kependudukan',
    licensing: 'Perizinan', education: 'Pendidikan', social: 'Sosial', transport: 'Transportasi', finance: 'Keuangan',
    environment: 'Lingkungan', information: 'Informasi', staff: 'Kepegawaian', economy: 'Ekonomi', other: 'Lainnya',
  },
};

export const APP_LABELS_EN: AppLabels = {
  appsTitle: 'Apps',
  state: { normal: 'Normal', spiking: 'Spiking', silent: 'Silent', failing: 'Failing', idle: 'Idle' },
  attention: 'Needs attention',
  allNormal: 'All apps running normally',
  more: (n) => `+${n} more`,
  topTitle: 'Most active today',
  today: 'today',
  lastHour: 'last 60 minutes',
  noActivity: 'No activity yet today',
  alertsTitle: 'Alerts',
  noAlerts: 'No active alerts',
  alertKind: {
    spike: 'Spike', drop: 'Drop', silent: 'Silent', 'error-rate': 'High error rate', 'complaint-spike': 'Complaint spike', queue: 'Queue',
  },
  ack: 'Acknowledge',
  acked: 'Acknowledged',
  since: 'since',
  trendsTitle: (days) => `Last ${days} days`,
  previousPeriod: 'period before',
  currentPeriod: 'this period',
  change: 'change',
  byAgency: 'By agency (OPD)',
  bySuperApp: 'By super-app',
  byCategory: 'By category',
  name: 'Name',
  sessions: 'Sessions',
  transactions: 'Transactions',
  complaints: 'Complaints',
  errors: 'Errors',
  total: 'Total',
  exportCsv: 'Download CSV',
  noSuperApp: 'No super-app',
  unregistered: 'Unregistered',
  category: {
    'super-app': 'Super-app', emergency: 'Emergency', complaints: 'Complaints', health: 'Health', population: 'Population',
    licensing: 'Licensing', education: 'Education', social: 'Social', transport: 'Transport', finance: 'Finance',
    environment: 'Environment', information: 'Information', staff: 'Staff', economy: 'Economy', other: 'Other',
  },
};

export function withLabels(over: Partial<AppLabels> | undefined): AppLabels {
  return over ? { ...APP_LABELS_ID, ...over } : APP_LABELS_ID;
}

/** Order of states by urgency: what needs attention first. */
export const STATE_ORDER: readonly AppState[] = ['failing', 'silent', 'spiking', 'normal', 'idle'];
