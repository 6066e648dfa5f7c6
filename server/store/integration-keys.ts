// Key names of the integrations (alert notes, the webhook outbox), built here and nowhere else.
// They live inside the space's hash tag, so the outbox scripts touch one Cluster slot and a
// demo wipe takes the demo space's outbox with it.
import type { SpaceKeys } from './keys.ts';

export interface IntegrationKeys {
  /** Per alert, a hash: state ("raised:<severity>" | "cleared") -> epoch ms first noted. */
  notePrefix: string;
  /** Noted state changes waiting to be fanned out to the webhook targets (list, oldest first). */
  notices: string;
  /** Per target, deliveries waiting to be sent (list, oldest first). */
  queue(target: string): string;
  /** Per target, retry state of the deliveries: deliveryId -> { attempts, nextAtMs, lastError }. */
  tries(target: string): string;
  /** Per target, the lease of the process that sends (one sender at a time keeps the order). */
  lease(target: string): string;
  /** Deliveries given up on, newest first (capped). */
  dead: string;
}

export function integrationKeys(k: SpaceKeys): IntegrationKeys {
  const b = `${k.all}integrations:`;
  return {
    notePrefix: `${b}note:`,
    notices: `${b}notices`,
    queue: (t) => `${b}wh:q:${t}`,
    tries: (t) => `${b}wh:tries:${t}`,
    lease: (t) => `${b}wh:lease:${t}`,
    dead: `${b}wh:dead`,
  };
}
