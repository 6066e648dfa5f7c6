// The app readers of one space bound to its connection, so that the HTTP routes and the alert
// job (which may not import ioredis) get typed reads without seeing Redis.
import type { RedisClient } from './redis-client.ts';
import type { KindCounts } from '../domain/app-rollup.ts';
import type { BucketPart, BucketPlan } from '../domain/app-window.ts';
import type { SpaceKeys } from './keys.ts';
import { readActiveAlerts, readAlertHistory, type ActiveAlert } from './read-app-alerts.ts';
import { readComplaintHours, type KecamatanCounts } from './read-app-complaints.ts';
import { appSeen, readAppSeries } from './read-app-series.ts';
import {
  bucketKeyOf, dayBucketKey, hourBucketKey, minuteBucketKey, readAppBuckets, readPlannedCounts, type AppCounts,
} from './read-apps.ts';

export interface AppStore {
  planned(plan: BucketPlan): Promise<AppCounts>;
  minutes(starts: readonly number[]): Promise<AppCounts[]>;
  hours(starts: readonly number[]): Promise<AppCounts[]>;
  days(cityDays: readonly string[]): Promise<AppCounts[]>;
  series(appId: string, parts: readonly BucketPart[]): Promise<KindCounts[]>;
  seen(appId: string): Promise<boolean>;
  complaintHours(starts: readonly number[]): Promise<KecamatanCounts[]>;
  activeAlerts(): Promise<ActiveAlert[]>;
  alertHistory(fromMs: number, toMs: number, limit: number): Promise<{ total: number; alerts: [string, Record<string, string>][] }>;
}

export type { ActiveAlert, AppCounts, KecamatanCounts };

export function createAppStore(redis: RedisClient, keys: SpaceKeys): AppStore {
  return {
    planned: (plan) => readPlannedCounts(redis, keys, plan),
    minutes: (starts) => readAppBuckets(redis, starts.map((m) => minuteBucketKey(keys, m))),
    hours: (starts) => readAppBuckets(redis, starts.map((h) => hourBucketKey(keys, h))),
    days: (days) => readAppBuckets(redis, days.map((d) => dayBucketKey(keys, d))),
    series: (appId, parts) => readAppSeries(redis, parts.map((p) => bucketKeyOf(keys, p)), appId),
    seen: (appId) => appSeen(redis, keys, appId),
    complaintHours: (starts) => readComplaintHours(redis, keys, starts),
    activeAlerts: () => readActiveAlerts(redis, keys),
    alertHistory: (fromMs, toMs, limit) => readAlertHistory(redis, keys, fromMs, toMs, limit),
  };
}
