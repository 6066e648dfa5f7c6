// The words that travel with a report (e-mail subject and body, webhook text): Bahasa Indonesia
// first, English second. Pure.
import type { ReportInfo } from '../../shared/contract/reports.ts';

export interface ReportText {
  subject: string;
  id: string;
  en: string;
}

export function reportText(info: ReportInfo, cityName: string, url: string): ReportText {
  const weekId = info.weekly ? ' dan laporan mingguan' : '';
  const weekEn = info.weekly ? ' and the weekly report' : '';
  return {
    subject: `Pantau · ${cityName} · laporan harian ${info.day}${info.weekly ? ' + mingguan' : ''} / daily report`,
    id: `Laporan harian${weekId} ${cityName} untuk ${info.day} sudah tersedia: ${url}`,
    en: `The daily report${weekEn} of ${cityName} for ${info.day} is ready: ${url}`,
  };
}
