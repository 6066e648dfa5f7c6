// Drill-down answers (issue #18): the incidents or calls behind an executive figure, and one
// incident's timeline against the city's targets. Executives get no caller numbers and no
// incident summaries (server/domain/redact.ts); operators get both.
import { z } from 'zod';
import { Agency, Outcome } from './events.ts';
import { CallView, IncidentView } from './views.ts';

const Page = {
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  /** Offset to ask for with `offset=` to get the next page; null on the last page. */
  next: z.number().int().nullable(),
};

export const IncidentListAnswer = z.object({
  ...Page,
  /** Incidents in the window that match the filters (all pages). */
  total: z.number().int(),
  /** Newest report first. */
  incidents: z.array(IncidentView),
});
export type IncidentListAnswer = z.infer<typeof IncidentListAnswer>;

export const CallListAnswer = z.object({
  ...Page,
  /**
   * Calls received in the window that match the filters, when the server counted them all
   * (without a kecamatan, status or disposition filter it counts from the index alone); null
   * when it stopped scanning at a page.
   */
  total: z.number().int().nullable(),
  /** Newest receipt first. */
  calls: z.array(CallView),
});
export type CallListAnswer = z.infer<typeof CallListAnswer>;

export const TIMELINE_STEP_KINDS = ['reported', 'dispatched', 'on_scene', 'closed'] as const;
export const TimelineStepKind = z.enum(TIMELINE_STEP_KINDS);
export type TimelineStepKind = z.infer<typeof TimelineStepKind>;

export const TargetStateName = z.enum(['good', 'warning', 'bad']);

export const TimelineStep = z.object({
  kind: TimelineStepKind,
  at: z.string(),
  /** Seconds since the report (null when the report is unknown). */
  sinceReportedSeconds: z.number().nullable(),
  /** Seconds since the step before it. */
  sincePreviousSeconds: z.number().nullable(),
  agency: Agency.optional(),
  unitId: z.string().optional(),
  outcome: Outcome.optional(),
  /** On-scene steps: the agency's target (seconds from the report) and how the arrival stands against it. */
  targetSeconds: z.number().optional(),
  state: TargetStateName.optional(),
});
export type TimelineStep = z.infer<typeof TimelineStep>;

export const IncidentTimelineAnswer = z.object({
  timezone: z.string(),
  incident: IncidentView,
  /** In time order; each dispatch and each arrival of a unit is its own step. */
  steps: z.array(TimelineStep),
  /** First dispatch − report, and first arrival − report (seconds), as the KPIs count them. */
  dispatchSeconds: z.number().nullable(),
  responseSeconds: z.number().nullable(),
  /** The first arrival against the target of the agency that arrived (or of the incident's only agency). */
  response: z.object({ targetSeconds: z.number(), agency: Agency.nullable(), state: TargetStateName.nullable() }).nullable(),
});
export type IncidentTimelineAnswer = z.infer<typeof IncidentTimelineAnswer>;
