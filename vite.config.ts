// Vite builds the React client from client/ into dist/client; in development it proxies the
// API and Socket.IO to the server started by `npm run dev`.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = `http://127.0.0.1:${process.env.PORT ?? '8080'}`;

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [react()],
  build: { outDir: '../dist/client', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2000 },
  server: {
    port: 5173,
    proxy: { '/api': api, '/healthz': api, '/socket.io': { target: api, ws: true } },
  },
});
