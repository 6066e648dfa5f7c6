// The daily reports in Redis (docs/operations.md "Daily report"): each PDF is one string key,
// listed in an index with its description, kept REPORT_RETENTION_DAYS. In Redis rather than on
// disk so that every process of a deployment serves every report, whichever one wrote it.
import type { RedisClient } from './redis-client.ts';
import { ReportInfo, type ReportLang } from '../../shared/contract/reports.ts';
import { holdLease, releaseLease } from './leader-lock.ts';
import { reportKeys, type SpaceKeys } from './keys.ts';

/** Reports are kept this long (about 0.2-0.5 MB each: a quarter is tens of MB at most). */
export const REPORT_RETENTION_DAYS = 92;
const DAY_MS = 86_400_000;

export interface ReportStore {
  /** Keeps a report (replacing that day's in that language) and forgets those past retention. */
  put(info: ReportInfo, pdf: Buffer, dayStartMs: number, nowMs: number): Promise<void>;
  pdf(day: string, lang: ReportLang): Promise<Buffer | null>;
  has(day: string, lang: ReportLang): Promise<boolean>;
  /** Newest day first. */
  list(): Promise<ReportInfo[]>;
  /** The newest day with a report in `lang`, or null. */
  newestDay(lang: ReportLang): Promise<string | null>;
  /** Takes the writing lease of a day; false while another process holds it. */
  hold(day: string, lang: ReportLang, owner: string, ms: number): Promise<boolean>;
  release(day: string, lang: ReportLang, owner: string): Promise<void>;
}

const member = (day: string, lang: ReportLang): string => `${day}:${lang}`;

export function createReportStore(redis: RedisClient, keys: SpaceKeys): ReportStore {
  const k = reportKeys(keys);
  const retentionMs = REPORT_RETENTION_DAYS * DAY_MS;
  return {
    async put(info, pdf, dayStartMs, nowMs) {
      const m = member(info.day, info.lang);
      const old = await redis.zrangebyscore(k.index, '-inf', `(${nowMs - retentionMs}`);
      const tx = redis.multi()
        .set(k.pdfPrefix + m, pdf, 'PX', Math.max(60_000, dayStartMs + retentionMs - nowMs))
        .zadd(k.index, dayStartMs, m)
        .hset(k.meta, m, JSON.stringify(info));
      if (old.length > 0) tx.zrem(k.index, ...old).hdel(k.meta, ...old);
      await tx.exec();
    },
    pdf: (day, lang) => redis.getBuffer(k.pdfPrefix + member(day, lang)),
    async has(day, lang) {
      return (await redis.exists(k.pdfPrefix + member(day, lang))) === 1;
    },
    async list() {
      const all = await redis.hgetall(k.meta);
      // Written by this code; an entry an older version wrote in another shape is left out.
      const infos = Object.values(all).flatMap((raw) => {
        const p = ReportInfo.safeParse(JSON.parse(raw));
        return p.success ? [p.data] : [];
      });
      return infos.sort((a, b) => (a.day === b.day ? a.lang.localeCompare(b.lang) : a.day < b.day ? 1 : -1));
    },
    async newestDay(lang) {
      const newest = await redis.zrevrange(k.index, 0, -1);
      const hit = newest.find((m) => m.endsWith(`:${lang}`));
      return hit === undefined ? null : hit.slice(0, hit.indexOf(':'));
    },
    hold: (day, lang, owner, ms) => holdLease(redis, k.leasePrefix + member(day, lang), owner, ms),
    release: (day, lang, owner) => releaseLease(redis, k.leasePrefix + member(day, lang), owner),
  };
}
