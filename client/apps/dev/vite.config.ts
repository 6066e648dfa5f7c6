// Dev-only harness for the app components (not part of the app's build): renders the wall's
// apps page from the bundled Kota Tangerang catalog with synthetic states and activity.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  plugins: [react()],
  logLevel: 'warn',
  build: { rollupOptions: { input: resolve(here, 'harness.html') }, emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  preview: { host: '127.0.0.1', port: 5197, strictPort: false },
});
