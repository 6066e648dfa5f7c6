// The words of an alert message, Bahasa Indonesia first and English second, shared by CAP,
// webhooks and the chat templates so an alert reads the same wherever it arrives.
import type { AlertView } from '../../shared/contract/views.ts';
import type { AlertChange } from './webhooks/webhook-payload.ts';

export type Lang = 'id' | 'en';

const KIND: Record<AlertView['kind'], Record<Lang, string>> = {
  spike: { id: 'Lonjakan aktivitas aplikasi', en: 'App activity spike' },
  drop: { id: 'Penurunan aktivitas aplikasi', en: 'App activity drop' },
  silent: { id: 'Aplikasi tidak mengirim aktivitas', en: 'App gone silent' },
  'error-rate': { id: 'Tingkat galat aplikasi tinggi', en: 'App error rate high' },
  'complaint-spike': { id: 'Lonjakan pengaduan warga', en: 'Complaint spike' },
  queue: { id: 'Antrean panggilan darurat', en: 'Emergency call queue' },
};

const CHANGE: Record<AlertChange, Record<Lang, string>> = {
  raised: { id: 'PERINGATAN', en: 'ALERT' },
  updated: { id: 'DIPERBARUI', en: 'UPDATED' },
  cleared: { id: 'SELESAI', en: 'CLEARED' },
};

const SEVERITY: Record<AlertView['severity'], Record<Lang, string>> = {
  warning: { id: 'waspada', en: 'warning' },
  critical: { id: 'kritis', en: 'critical' },
};

export function kindName(kind: AlertView['kind'], lang: Lang): string {
  return KIND[kind][lang];
}

/** What the alert is about: its subject's name when the detector gave one. */
export function subjectName(alert: AlertView): string {
  const name = alert.detail.name;
  return typeof name === 'string' && name !== '' ? name : alert.subject;
}

export function headline(alert: AlertView, change: AlertChange, lang: Lang): string {
  return `${CHANGE[change][lang]}: ${KIND[alert.kind][lang]} — ${subjectName(alert)}`;
}

/** The details the detector recorded, as "key: value" pairs. */
function detailText(alert: AlertView): string {
  return Object.entries(alert.detail).filter(([k]) => k !== 'name').map(([k, v]) => `${k}: ${v === null ? '-' : String(v)}`).join(', ');
}

export function description(alert: AlertView, change: AlertChange, lang: Lang, cityName: string): string {
  const sev = SEVERITY[alert.severity][lang];
  const details = detailText(alert);
  if (lang === 'id') {
    const what = change === 'cleared' ? `Kondisi sudah kembali normal (selesai ${alert.clearedAt ?? ''}).` : `Tingkat: ${sev}. Sejak ${alert.raisedAt}.`;
    return `${KIND[alert.kind].id} di ${cityName}: ${subjectName(alert)}. ${what}${details ? ` Rincian: ${details}.` : ''}`;
  }
  const what = change === 'cleared' ? `Back to normal (cleared ${alert.clearedAt ?? ''}).` : `Severity: ${sev}. Since ${alert.raisedAt}.`;
  return `${KIND[alert.kind].en} in ${cityName}: ${subjectName(alert)}. ${what}${details ? ` Details: ${details}.` : ''}`;
}

/** One short paragraph for chat: headline then description. */
export function messageText(alert: AlertView, change: AlertChange, lang: Lang, cityName: string): string {
  return `${headline(alert, change, lang)}\n${description(alert, change, lang, cityName)}`;
}
