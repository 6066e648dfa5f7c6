// The CAP feed's query: the window of alerts (raised in it) and the space.
import { z } from 'zod';
import { IsoWithOffset } from '../../../shared/contract/events.ts';
import { Space } from '../../../shared/contract/views.ts';

export const CapQuery = z.object({
  from: IsoWithOffset.optional(),
  to: IsoWithOffset.optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(200),
  space: Space.optional(),
});
export type CapQuery = z.infer<typeof CapQuery>;
