// The snapshot body (everything but its `at`) cached per state, and per role its JSON, that
// JSON deflated (the HTTP answer's gzip) and its compact socket frame (shared/contract/wire.ts):
// with 10,000 open incidents the JSON is megabytes, and every request at one state is the same,
// so each is made once per state and role, however many clients ask.
import type { Role, Snapshot } from '../../shared/contract/views.ts';
import { encodeSnapshot } from '../../shared/contract/wire.ts';
import { redactSnapshot } from '../domain/redact.ts';
import { deflateBody, gzipSpliced, wireFrame, type DeflatedBody } from './wire-gzip.ts';

/** A snapshot without its send time, which is stamped per send (a cached one would age). */
export type SnapshotBody = Omit<Snapshot, 'at'>;

interface PerRole {
  redacted: SnapshotBody;
  /** The JSON without `at`. */
  json: string;
  /** That JSON after its `{`, deflated once: a fresh `{"at":…,` is spliced before it. */
  deflated?: DeflatedBody;
  /** The compact form, gzipped, as base64 text. */
  compact?: string;
}

export class SnapshotCache {
  private cached: { key: string; body: SnapshotBody } | undefined;
  private perRole: { body: SnapshotBody; byRole: Map<Role, PerRole> } | undefined;

  /** The body for state `key`, built only when the state moved. */
  body(key: string, build: () => SnapshotBody): SnapshotBody {
    if (this.cached?.key !== key) this.cached = { key, body: build() };
    return this.cached.body;
  }

  private forRole(body: SnapshotBody, role: Role): PerRole {
    if (this.perRole?.body !== body) this.perRole = { body, byRole: new Map() };
    let entry = this.perRole.byRole.get(role);
    if (entry === undefined) {
      // `at` is only there to satisfy redactSnapshot's type; it is dropped before serialising.
      const { at: _unused, ...redacted } = redactSnapshot({ ...body, at: '' }, role);
      entry = { redacted, json: JSON.stringify(redacted) };
      this.perRole.byRole.set(role, entry);
    }
    return entry;
  }

  /** The snapshot as JSON for one role: the body serialised once, the fresh `at` spliced in front. */
  jsonFor(body: SnapshotBody, role: Role, at: string): string {
    // The body is a non-empty object ("{\"position\":…"), so "{" + at + "," + the rest is valid JSON.
    return `${atPrefix(at)}${this.forRole(body, role).json.slice(1)}`;
  }

  /** The same JSON gzipped: the body compressed once per state and role, the fresh `at` spliced in front. */
  gzipFor(body: SnapshotBody, role: Role, at: string): Buffer {
    const entry = this.forRole(body, role);
    entry.deflated ??= deflateBody(entry.json.slice(1));
    return gzipSpliced(atPrefix(at), entry.deflated);
  }

  /** The compact socket frame for one role (its `at` travels beside it). */
  compactFor(body: SnapshotBody, role: Role): string {
    const entry = this.forRole(body, role);
    entry.compact ??= wireFrame(encodeSnapshot(entry.redacted));
    return entry.compact;
  }
}

const atPrefix = (at: string): string => `{"at":${JSON.stringify(at)},`;
