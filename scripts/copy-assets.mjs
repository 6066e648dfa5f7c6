// Runs after `tsc -p tsconfig.build.json`: copies the non-TypeScript files the built server
// reads next to its own modules. The Lua loader resolves `new URL('./lua/', import.meta.url)`
// from server/store, so the scripts must sit beside the emitted JS.
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/server');

/** [source folder, file extension]; each lands at the same relative path under dist/server. */
const assets = [['server/store/lua', '.lua']];

for (const [from, ext] of assets) {
  const src = join(root, from);
  if (!existsSync(src)) throw new Error(`copy-assets: ${from} does not exist`);
  const files = readdirSync(src).filter((f) => f.endsWith(ext));
  if (files.length === 0) throw new Error(`copy-assets: no ${ext} files in ${from}`);
  const dest = join(out, from);
  // Start clean so a deleted or renamed script does not linger in dist/.
  rmSync(dest, { recursive: true, force: true });
  for (const f of files) cpSync(join(src, f), join(dest, f));
}
