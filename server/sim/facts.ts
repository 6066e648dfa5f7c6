// Parameters of the demo simulator as data. Figures come from ../shared/data/city-facts.md
// (compiled Nov 2026); each carries its source. Anything marked ASSUMPTION is ours: no
// source gave it, and the value only has to look plausible on a command-centre wall.
import type { Agency, Category, Disposition, Line } from '../../shared/contract/events.ts';

/** Median and log-sd of a lognormal duration. */
export interface Spread {
  readonly median: number;
  readonly sigma: number;
}

// ── Call volume ────────────────────────────────────────────────────────────────────────
/** Kota Tangerang population the call rate is stated for: SP2020 1,895,486; BPS mid-2023 1,912,679. */
export const REFERENCE_POPULATION = 1_900_000;

/**
 * 112 calls a day in Kota Tangerang: Jan 2026 3,460 calls = 112/day; Jul+Aug (likely 2024)
 * 8,104 = 131/day (diskominfo.tangerangkota.go.id, tangerangkota.go.id/berita/detail/54659).
 * Bandung 2024: 42,337 = 116/day. Other cities scale by population relative to the reference.
 */
export const CALLS_PER_DAY_112 = 120;

/** 119 (medical) volume relative to 112. ASSUMPTION: no Tangerang 119 figure was found. */
export const LINE_119_SHARE_OF_112 = 0.4;

// ── Call mix ───────────────────────────────────────────────────────────────────────────
/**
 * Verdicts of answered calls, in percent. Sources: prank+ghost 45–78 % (Tangerang Jul–Aug
 * 45 %; Gresik 2025 45.5 % prank + 28.9 % ghost), genuine emergencies 3–5 % (Tangerang Jan 2026
 * 165/3,460 = 4.8 %; Bandung 2024 3.3 %). The split prank 40 / ghost 20 / info+non-emergency 35
 * / emergency 5 is the facts file's suggested default: ASSUMPTION. Info vs non-emergency vs
 * wrong number inside the 35 % is ours too (Tangerang logs 55,305 "education" calls Jan–Jul 2024).
 */
export const CALL_MIX: Readonly<Record<Disposition, number>> = {
  prank: 40,
  ghost: 20,
  info: 26,
  'non-emergency': 7,
  'wrong-number': 2,
  emergency: 5,
};

/** The verdicts in a fixed order, so weighted draws do not depend on object key order. */
export const DISPOSITIONS_ORDER: readonly Disposition[] = ['prank', 'ghost', 'info', 'non-emergency', 'wrong-number', 'emergency'];

/**
 * Extra prank weight by local hour: after 10:00 (Gresik 2021, children) and around midnight
 * (Kab. Semarang operators). Anecdotal, so the boost is mild and balanced by a cut at other
 * hours, keeping the day's prank share near 40 %. ASSUMPTION.
 */
export function prankHourFactor(hour: number): number {
  if (hour >= 10 && hour < 16) return 1.2;
  if (hour >= 23 || hour < 1) return 1.3;
  return 0.85;
}

/**
 * Emergency categories on 112, Tangerang Jan–Jul 2024 (n=376, tangerangkota.go.id/berita/detail/44957):
 * free ambulance & medical 122 (32 %), animal handling 67 (18 %), fallen trees 30 (8 %), fire 29 (8 %),
 * other 34 %. The split of "other" (accident 12, utility/PLN 10, flood 6, public order 6) is ASSUMPTION.
 */
export const EMERGENCY_CATEGORIES_112: readonly (readonly [Category, number])[] = [
  ['medical', 32], ['animal-rescue', 18], ['fallen-tree', 8], ['fire', 8],
  ['traffic-accident', 12], ['utility', 10], ['flood', 6], ['public-order', 6],
];

/** 119 is the medical line: nearly all its emergencies are medical. ASSUMPTION. */
export const EMERGENCY_CATEGORIES_119: readonly (readonly [Category, number])[] = [
  ['medical', 85], ['traffic-accident', 15],
];

/**
 * Rainy season (Dec–Feb): more floods, fallen trees and animals (Depok Damkar evacuations
 * peak in the rainy months, 2021). Multipliers are ASSUMPTION. Months are 0-based.
 */
export function seasonalFactor(category: Category, month: number): number {
  const rainy = month === 11 || month === 0 || month === 1;
  if (!rainy) return 1;
  if (category === 'flood') return 2;
  if (category === 'fallen-tree') return 1.5;
  if (category === 'animal-rescue') return 1.3;
  return 1;
}

// ── Time of day ────────────────────────────────────────────────────────────────────────
/**
 * Relative call volume per local hour (0–23). No Indonesian hourly histogram exists (facts §4);
 * shape is ASSUMPTION: trough 01–05, broad day peak 09–21. Normalised to mean 1 where used.
 */
export const CALL_CURVE: readonly number[] = [
  0.8, 0.5, 0.35, 0.3, 0.3, 0.45, 0.7, 0.9, 1.1, 1.3, 1.4, 1.4,
  1.3, 1.35, 1.4, 1.4, 1.35, 1.3, 1.25, 1.3, 1.3, 1.2, 1.0, 0.9,
];

/** Use of office-facing apps (licensing, population, staff): working hours 08–16. ASSUMPTION. */
export const OFFICE_APP_CURVE: readonly number[] = [
  0.05, 0.03, 0.02, 0.02, 0.03, 0.1, 0.3, 0.9, 2.0, 2.4, 2.4, 2.3,
  1.6, 2.2, 2.2, 1.9, 1.4, 0.8, 0.5, 0.4, 0.35, 0.25, 0.15, 0.08,
];

/** Use of citizen-facing apps: office hours plus an evening shoulder. ASSUMPTION. */
export const PUBLIC_APP_CURVE: readonly number[] = [
  0.2, 0.1, 0.07, 0.06, 0.1, 0.3, 0.6, 1.0, 1.5, 1.7, 1.7, 1.6,
  1.4, 1.5, 1.5, 1.4, 1.3, 1.2, 1.2, 1.3, 1.3, 1.1, 0.7, 0.4,
];

/** Weekend activity relative to a weekday. ASSUMPTION. */
export const WEEKEND_FACTOR = { office: 0.15, public: 0.65 } as const;

// ── Answering ──────────────────────────────────────────────────────────────────────────
/**
 * Time from ring to pick-up when an agent is free, seconds. Target NENA 2020: 90 % ≤ 15 s,
 * 95 % ≤ 20 s. Median 6 s with log-sd 0.55 gives ≈ 95 % ≤ 15 s and ≈ 98.5 % ≤ 20 s before
 * queueing adds its share. ASSUMPTION shaped to the standard.
 */
export const PICKUP_SECONDS: Spread = { median: 6, sigma: 0.55 };

/**
 * Abandonment: ~5–10 % of calls end before an answer (Kota Batu 2024 shows far more drops,
 * but most were never queued). Modelled as a share of callers who hang up within seconds
 * (pocket dials, children) plus ordinary patience. ASSUMPTION.
 */
export const QUICK_HANGUP = { share: 0.12, seconds: { median: 5, sigma: 0.7 } as Spread } as const;
export const PATIENCE_SECONDS: Spread = { median: 90, sigma: 0.7 };

/**
 * Callbacks of abandoned calls (issue 16): the desk calls most of them back within a couple of
 * minutes (the profile's target is 90 % within 2 minutes), tries again after a no-answer or a
 * busy line, up to three times. ASSUMPTION: no published Indonesian figures.
 */
export const CALLBACKS = {
  share: 0.95,
  delaySeconds: { median: 70, sigma: 0.5 } as Spread,
  maxDelaySeconds: 900,
  retrySeconds: { median: 240, sigma: 0.4 } as Spread,
  maxTries: 3,
  outcomes: [['reached', 0.7], ['no-answer', 0.18], ['busy', 0.07], ['invalid-number', 0.05]] as const,
} as const;

/** Talk time by verdict, seconds. ASSUMPTION (ghost = silent line, closed quickly). */
export const TALK_SECONDS: Readonly<Record<Disposition, Spread>> = {
  ghost: { median: 12, sigma: 0.4 },
  prank: { median: 35, sigma: 0.6 },
  'wrong-number': { median: 18, sigma: 0.4 },
  info: { median: 90, sigma: 0.5 },
  'non-emergency': { median: 120, sigma: 0.5 },
  emergency: { median: 170, sigma: 0.4 },
};

/** After-call work before the agent takes the next call, seconds. ASSUMPTION. */
export const WRAP_UP_SECONDS = { min: 8, max: 40 } as const;

// ── Agents ─────────────────────────────────────────────────────────────────────────────
/**
 * Three shifts a day with 3–4 call-takers per line: Kota Serang 112 runs 3 shifts × 3 staff
 * (2022); TLR had 11 operators (2016). The facts file suggests 3 × 3–4: ASSUMPTION.
 */
export const SHIFTS: readonly { readonly label: string; readonly startHour: number }[] = [
  { label: 'pagi', startHour: 7 },
  { label: 'siang', startHour: 15 },
  { label: 'malam', startHour: 23 },
];
export const SHIFT_HOURS = 8;
export const HEADCOUNT: Readonly<Record<Line, readonly [number, number, number]>> = {
  '112': [4, 4, 3],
  '119': [3, 3, 3],
};
/** Breaks per agent per shift and their length, minutes. ASSUMPTION. */
export const BREAKS = { min: 1, max: 2, minutes: { min: 15, max: 30 } } as const;
/** Incoming agents log in this many minutes early, outgoing ones log out this late. ASSUMPTION. */
export const HANDOVER_MINUTES = { earlyMin: 2, earlyMax: 10, lateMin: 0, lateMax: 8 } as const;

// ── Incidents ──────────────────────────────────────────────────────────────────────────
/** Priority weights (1 highest – 4) per category. ASSUMPTION. */
export const PRIORITY: Readonly<Record<Category, readonly (readonly [number, number])[]>> = {
  fire: [[1, 70], [2, 30]],
  medical: [[1, 25], [2, 60], [3, 15]],
  'traffic-accident': [[1, 20], [2, 60], [3, 20]],
  crime: [[1, 30], [2, 50], [3, 20]],
  flood: [[2, 60], [3, 40]],
  'fallen-tree': [[2, 30], [3, 60], [4, 10]],
  'animal-rescue': [[3, 70], [4, 30]],
  'domestic-violence': [[1, 40], [2, 60]],
  'missing-person': [[2, 60], [3, 40]],
  'public-order': [[3, 70], [4, 30]],
  utility: [[2, 30], [3, 60], [4, 10]],
  other: [[3, 50], [4, 50]],
};

/**
 * Agencies sent per category, first the lead. Tangerang dispatches to Dinkes, Damkar, BPBD,
 * Satpol PP and police (bantensatu.co, 2024); Damkar handles animal evacuations (Depok, Kab.
 * Tangerang). Accidents send police and an ambulance (Bandung 2024: Dinkes 466, police 353).
 */
export const AGENCIES: Readonly<Record<Category, readonly Agency[]>> = {
  fire: ['fire', 'ambulance'],
  medical: ['ambulance'],
  'traffic-accident': ['police', 'ambulance'],
  crime: ['police'],
  flood: ['disaster', 'fire'],
  'fallen-tree': ['disaster'],
  'animal-rescue': ['fire'],
  'domestic-violence': ['police'],
  'missing-person': ['police'],
  'public-order': ['satpol-pp'],
  utility: ['other'],
  other: ['other'],
};

/** Call answered → first unit sent, minutes (NFPA 1225: 90 % ≤ 60 s; slower here). ASSUMPTION. */
export const DISPATCH_MINUTES: Spread = { median: 1.8, sigma: 0.5 };
/** A second agency is sent this many minutes after the first. ASSUMPTION. */
export const EXTRA_DISPATCH_MINUTES = { min: 0.5, max: 4 } as const;

/**
 * Dispatch → on scene, minutes. Fire: median 9 (σ 0.3) so report → on scene is ≈ 8–15 min,
 * the Damkar SPM target being 15 min (Permendagri 114/2018). Others ASSUMPTION.
 */
export const TRAVEL_MINUTES: Readonly<Record<Category, Spread>> = {
  fire: { median: 9, sigma: 0.3 },
  medical: { median: 12, sigma: 0.4 },
  'traffic-accident': { median: 10, sigma: 0.4 },
  crime: { median: 12, sigma: 0.4 },
  flood: { median: 20, sigma: 0.4 },
  'fallen-tree': { median: 25, sigma: 0.45 },
  'animal-rescue': { median: 22, sigma: 0.45 },
  'domestic-violence': { median: 15, sigma: 0.4 },
  'missing-person': { median: 30, sigma: 0.5 },
  'public-order': { median: 18, sigma: 0.45 },
  utility: { median: 35, sigma: 0.5 },
  other: { median: 20, sigma: 0.5 },
};

/** On scene → closed, minutes. ASSUMPTION. */
export const HANDLING_MINUTES: Readonly<Record<Category, Spread>> = {
  fire: { median: 50, sigma: 0.4 },
  medical: { median: 25, sigma: 0.4 },
  'traffic-accident': { median: 35, sigma: 0.4 },
  crime: { median: 45, sigma: 0.5 },
  flood: { median: 90, sigma: 0.5 },
  'fallen-tree': { median: 60, sigma: 0.4 },
  'animal-rescue': { median: 30, sigma: 0.4 },
  'domestic-violence': { median: 40, sigma: 0.4 },
  'missing-person': { median: 120, sigma: 0.6 },
  'public-order': { median: 30, sigma: 0.4 },
  utility: { median: 60, sigma: 0.5 },
  other: { median: 30, sigma: 0.5 },
};

/** How incidents end; some turn out false on arrival (prank). ASSUMPTION. */
export const OUTCOMES = [['resolved', 85], ['prank', 6], ['transferred', 6], ['info', 3]] as const;
/** A false alarm is closed this many minutes after arrival. ASSUMPTION. */
export const FALSE_ALARM_MINUTES: Spread = { median: 6, sigma: 0.4 };

/** Unit call-sign prefix and pool size per agency (illustrative). */
export const UNITS: Readonly<Record<Agency, { readonly prefix: string; readonly count: number }>> = {
  fire: { prefix: 'DAMKAR', count: 14 },
  ambulance: { prefix: 'AMB', count: 18 },
  police: { prefix: 'POL', count: 12 },
  disaster: { prefix: 'BPBD', count: 6 },
  'satpol-pp': { prefix: 'SATPOL', count: 8 },
  transport: { prefix: 'DISHUB', count: 6 },
  other: { prefix: 'OPD', count: 10 },
};

/** One-line incident summaries in Bahasa Indonesia (simulated, shown on the demo wall). */
export const SUMMARIES: Readonly<Record<Category, readonly string[]>> = {
  fire: ['Kebakaran rumah tinggal', 'Kebakaran lahan kosong', 'Korsleting listrik, asap tebal', 'Kebakaran warung'],
  medical: ['Permintaan ambulans gratis', 'Warga pingsan di jalan', 'Ibu hendak melahirkan', 'Lansia sesak napas'],
  'traffic-accident': ['Kecelakaan sepeda motor', 'Tabrakan mobil dan motor', 'Pejalan kaki tertabrak'],
  crime: ['Laporan pencurian', 'Dugaan penjambretan'],
  flood: ['Genangan setinggi lutut, warga minta evakuasi', 'Banjir masuk rumah warga', 'Tanggul kali meluap'],
  'fallen-tree': ['Pohon tumbang menutup jalan', 'Dahan patah menimpa kabel'],
  'animal-rescue': ['Evakuasi ular di rumah warga', 'Sarang tawon di atap', 'Biawak masuk pekarangan', 'Kucing terjebak di saluran'],
  'domestic-violence': ['Dugaan KDRT'],
  'missing-person': ['Anak hilang', 'Lansia tidak kembali ke rumah'],
  'public-order': ['Gangguan ketertiban', 'ODGJ di jalan raya', 'Pembakaran sampah'],
  utility: ['Kabel PLN memercikkan api', 'Lampu jalan (PJU) padam', 'Pipa PDAM bocor'],
  other: ['Permintaan bantuan warga'],
};

// ── Apps ───────────────────────────────────────────────────────────────────────────────
/**
 * Activity per app per weekday. Tangerang LIVE (super-app) has ≈1.06 M downloads (Nov–Dec 2023);
 * daily figures are ASSUMPTION. LAKSA complaints: 14,012 in 2024 (≈38/day) and 12,080 to 15 Dec
 * 2025 (≈35/day) (linimassa.id, ANTARA) → 36.5/day.
 */
export const APP_RATES = {
  superApp: { sessions: 24_000, transactionsPerSession: 0.25, complaints: 3 },
  complaintApp: { sessions: 1_500, transactionsPerSession: 0.15, complaints: 36.5 },
  /** Ordinary apps: sessions lognormal across apps (median, log-sd), stable per app. */
  ordinary: { sessions: { median: 250, sigma: 1 } as Spread, transactionsPerSession: { min: 0.05, max: 0.5 }, complaints: 0.3 },
  /** Errors as a share of sessions + transactions. ASSUMPTION. */
  errorShare: { min: 0.002, max: 0.01 },
} as const;

/** App categories whose use follows office hours rather than citizens' day. ASSUMPTION. */
export const OFFICE_APP_CATEGORIES: ReadonlySet<string> = new Set(['staff', 'licensing', 'population', 'finance', 'education']);

// ── Callers ────────────────────────────────────────────────────────────────────────────
/** Indonesian mobile prefixes (Telkomsel, Indosat, XL, Axis, Tri, Smartfren). Numbers are fake. */
export const MOBILE_PREFIXES: readonly string[] = [
  '0811', '0812', '0813', '0821', '0822', '0852', '0853', '0814', '0815', '0816', '0855', '0856',
  '0857', '0858', '0817', '0818', '0819', '0859', '0877', '0878', '0831', '0832', '0838', '0895',
  '0896', '0897', '0898', '0899', '0881', '0882', '0887', '0888',
];
/** Prank and ghost calls often come from the same handsets again (Kendari blocks them for 24 h). */
export const REPEAT_CALLERS = { pool: 20, share: 0.3 } as const;
