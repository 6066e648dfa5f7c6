// Who a bearer token is: a viewer role, an ingest key, or nobody. Tokens are compared in
// constant time (over SHA-256 digests, so lengths leak nothing either).
import { createHash, timingSafeEqual } from 'node:crypto';
import { demoOnly, type Role, type Space } from '../shared/contract/views.ts';

export type Principal =
  | { kind: 'viewer'; role: Role; name: string }
  | { kind: 'ingest'; name: string; spaces: readonly Space[] };

/** The roles that sign in with a token of their own; `demo` is whoever has none. */
export const TOKEN_ROLES = ['operator', 'executive', 'display', 'presenter'] as const satisfies readonly Role[];
export type ViewerTokens = { [R in (typeof TOKEN_ROLES)[number]]?: string };

export interface CredentialTable {
  tokens: Readonly<ViewerTokens>;
  ingestKeys: readonly { name: string; key: string }[];
  demoKey: string | undefined;
  /**
   * The process's own credential for its report page (server/reports): an executive's reads, no
   * caller numbers. Random per process and never shown; the page is printed by this process only.
   */
  reportToken?: string;
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

function same(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** The demo viewer: what anyone without a credential is. */
export const DEMO_VIEWER: Principal = { kind: 'viewer', role: 'demo', name: 'anonymous' };

export function resolveToken(token: string | undefined, table: CredentialTable): Principal | null {
  if (token === undefined || token === '') return DEMO_VIEWER;
  let found: Principal | null = null;
  // Check every entry (no early exit) so timing does not tell which kind matched.
  for (const role of TOKEN_ROLES) {
    const t = table.tokens[role];
    if (t !== undefined && same(token, t) && !found) found = { kind: 'viewer', role, name: role };
  }
  for (const k of table.ingestKeys) {
    if (same(token, k.key) && !found) found = { kind: 'ingest', name: k.name, spaces: ['live', 'demo'] };
  }
  if (table.demoKey !== undefined && same(token, table.demoKey) && !found) found = { kind: 'ingest', name: 'demo', spaces: ['demo'] };
  if (table.reportToken !== undefined && same(token, table.reportToken) && !found) found = { kind: 'viewer', role: 'executive', name: 'report' };
  return found;
}

/** The bearer token of an Authorization header, or undefined. */
export function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
  return m?.[1];
}

/** The space a viewer reads: demo-only roles always demo; others live unless they ask for demo. */
export function viewerSpace(role: Role, requested: string | undefined): Space {
  if (demoOnly(role)) return 'demo';
  return requested === 'demo' ? 'demo' : 'live';
}
