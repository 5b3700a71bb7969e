import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The SPA the api serves at / (apps/api/src/app.factory.ts): hashed assets under /assets, a manifest
// for the bundle-size report. Vite's own JSX transform (oxc) — no React plugin needed to build.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' } },
});
