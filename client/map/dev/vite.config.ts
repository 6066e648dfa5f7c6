// Dev-only harness for the incident map (not part of the app's build: the app's Vite root is
// client/ with its own index.html). Boundaries are served from the repo's city profile when a
// teammate has added it, else read at request time from the design folder beside the repo.
/* eslint-disable no-restricted-imports -- Node-side dev tooling (run by node/vite, never bundled into the client). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Connect, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const CANDIDATES = [
  resolve(repo, 'cities/kota-tangerang/kecamatan.geojson'),
  resolve(repo, '../shared/geo/kota-tangerang-kecamatan.geojson'),
];

const serveBoundaries: Connect.NextHandleFunction = (req, res, next) => {
  if (req.url !== '/geo/kecamatan.geojson') return next();
  const file = CANDIDATES.find((f) => existsSync(f));
  if (!file) {
    res.statusCode = 404;
    res.end('no kecamatan.geojson found');
    return undefined;
  }
  res.setHeader('content-type', 'application/geo+json');
  res.end(readFileSync(file));
  return undefined;
};

function boundaries(): Plugin {
  return {
    name: 'pantau-map-harness-boundaries',
    configureServer: (server) => { server.middlewares.use(serveBoundaries); },
    configurePreviewServer: (server) => { server.middlewares.use(serveBoundaries); },
  };
}

export default defineConfig({
  root: here,
  plugins: [react(), boundaries()],
  logLevel: 'warn',
  build: { rollupOptions: { input: resolve(here, 'harness.html') }, emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: { host: '127.0.0.1', port: 5199, strictPort: false },
  preview: { host: '127.0.0.1', port: 5198, strictPort: false },
});
