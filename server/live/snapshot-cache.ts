// The snapshot body (everything but its `at`) cached per state, and its JSON per role: with
// 10,000 open incidents it is megabytes, and every request at one state is the same.
import type { Role, Snapshot } from '../../shared/contract/views.ts';
import { redactSnapshot } from '../domain/redact.ts';

/** A snapshot without its send time, which is stamped per send (a cached one would age). */
export type SnapshotBody = Omit<Snapshot, 'at'>;

export class SnapshotCache {
  private cached: { key: string; body: SnapshotBody } | undefined;
  private json: { body: SnapshotBody; byRole: Map<Role, string> } | undefined;

  /** The body for state `key`, built only when the state moved. */
  body(key: string, build: () => SnapshotBody): SnapshotBody {
    if (this.cached?.key !== key) this.cached = { key, body: build() };
    return this.cached.body;
  }

  /** The snapshot as JSON for one role: the body serialised once, the fresh `at` spliced in front. */
  jsonFor(body: SnapshotBody, role: Role, at: string): string {
    if (this.json?.body !== body) this.json = { body, byRole: new Map() };
    let json = this.json.byRole.get(role);
    if (json === undefined) {
      // `at` is only there to satisfy redactSnapshot's type; it is dropped before serialising.
      const { at: _unused, ...redacted } = redactSnapshot({ ...body, at: '' }, role);
      json = JSON.stringify(redacted);
      this.json.byRole.set(role, json);
    }
    // The body is a non-empty object ("{\"position\":…"), so "{" + at + "," + the rest is valid JSON.
    return `{"at":${JSON.stringify(at)},${json.slice(1)}`;
  }
}
