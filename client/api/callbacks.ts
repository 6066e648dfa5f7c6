// The desk's callback marks (POST /api/v1/calls/:callId/callback, operators only): the list
// itself changes through the live deltas, like every screen's, not through this answer.
import type { CallbackOutcome } from '../../shared/contract/events.ts';
import { postJson } from './http.ts';
import { apiPathFor } from './requested-space.ts';

export async function markCallback(callId: string, outcome: CallbackOutcome): Promise<void> {
  await postJson(apiPathFor(`/calls/${encodeURIComponent(callId)}/callback`), { outcome });
}
