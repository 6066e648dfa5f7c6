// Defaults a generated profile starts from. Each figure says where it comes from; the ones
// marked ASSUMPTION are ours and a city should replace them with its own.
import type { AgencyName, AlertThresholds, CityProfileFile, Targets, WaitThresholds } from '../../../shared/contract/city.ts';

export const DEFAULT_TARGETS: Targets = {
  sl15: 0.9, // NENA-STA-020.1-2020: 90 % of calls answered within 15 s
  sl20: 0.95, // NENA-STA-020.1-2020: 95 % within 20 s
  asaSeconds: 10, // ASSUMPTION, in line with NFPA 1225 (90 % answered within 10 s)
  abandonmentRate: 0.05, // ASSUMPTION: no Indonesian standard found
  responseMinutes: 15, // Damkar SPM, Permendagri 114/2018: report to arrival on scene
  responseMinutesByAgency: { fire: 15 }, // the same Damkar SPM; other agencies: responseMinutes (ASSUMPTION)
  callbackWithin2m: 0.9, // issue 16: abandoned calls called back within 2 minutes (ASSUMPTION, NGA911-style callback)
};

export const DEFAULT_WAITS: WaitThresholds = { warningSeconds: 15, criticalSeconds: 30, staleMinutes: 60 };

export const DEFAULT_ALERTS: AlertThresholds = {
  spikeRatio: 2,
  dropRatio: 0.3,
  silentMinutes: 30,
  minExpected: 20,
  complaintSpikeRatio: 2,
};

/** "112" and "119" map to themselves in every profile; the named ones are common Asterisk queue names. */
export const DEFAULT_QUEUES: CityProfileFile['queues'] = {
  '112': '112',
  '119': '119',
  siaga112: '112',
  ambulans119: '119',
};

export const DEFAULT_AGENCIES: AgencyName[] = [
  { id: 'police', name: 'Polisi' },
  { id: 'fire', name: 'Damkar' },
  { id: 'ambulance', name: 'Ambulans / Dinkes' },
  { id: 'disaster', name: 'BPBD' },
  { id: 'satpol-pp', name: 'Satpol PP' },
  { id: 'transport', name: 'Dishub' },
  { id: 'other', name: 'Lainnya' },
];

export const DEFAULT_NOTES = [
  'targets.sl15/sl20: NENA-STA-020.1-2020 (90 % of calls answered within 15 s, 95 % within 20 s).',
  'targets.responseMinutes: Damkar SPM, Permendagri No. 114/2018 (15 minutes from report to arrival on scene).',
  'targets.responseMinutesByAgency: fire 15 minutes from the same Damkar SPM; agencies not listed are judged by targets.responseMinutes (ASSUMPTION for police, ambulance and the others: set the city\'s own).',
  'targets.asaSeconds and targets.abandonmentRate: ASSUMPTION, no Indonesian standard found; replace with the city\'s own.',
  'waits, alerts, queueAlerts, callers and targets.callbackWithin2m: ASSUMPTION, defaults of the profile generator.',
];

export interface TimeZoneChoice {
  timezone: string;
  timezoneLabel: string;
}

const WIB = { timezone: 'Asia/Jakarta', timezoneLabel: 'WIB' };
const WIB_KALIMANTAN = { timezone: 'Asia/Pontianak', timezoneLabel: 'WIB' };
const WITA = { timezone: 'Asia/Makassar', timezoneLabel: 'WITA' };
const WIT = { timezone: 'Asia/Jayapura', timezoneLabel: 'WIT' };

/**
 * Time zone of a province by its two-digit BPS code. Indonesia's zones follow provinces:
 * Sumatra, Java and West/Central Kalimantan keep WIB; Bali, Nusa Tenggara, the rest of
 * Kalimantan and Sulawesi WITA; Maluku and Papua WIT.
 */
export function timezoneForProvince(provinceCode: string): TimeZoneChoice {
  const code = Number(provinceCode);
  if (code === 61 || code === 62) return WIB_KALIMANTAN;
  if (code >= 51 && code <= 76) return WITA;
  if (code >= 81) return WIT;
  return WIB;
}
