// JSON text for committed data files: one record per line (a feature, an app, a kecamatan),
// so that a diff shows which record changed and a person can scan the file.
import type { FeatureCollection } from 'geojson';

export function formatCollection(collection: FeatureCollection): string {
  const lines = collection.features.map((feature) => JSON.stringify(feature));
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

/** Top-level keys one per line; arrays of objects or strings one element per line; everything else compact. */
export function formatByLine(value: Record<string, unknown>): string {
  const entries = Object.entries(value).map(([key, item]) => {
    const head = `  ${JSON.stringify(key)}: `;
    if (Array.isArray(item) && item.length > 0 && item.every((x) => typeof x === 'string' || (typeof x === 'object' && x !== null))) {
      return `${head}[\n${item.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]`;
    }
    return head + JSON.stringify(item);
  });
  return `{\n${entries.join(',\n')}\n}\n`;
}
