import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Component tests of the web app: where logic lives in the UI (the IIN field, the working-day
// countdown, error codes → messages), rendered in jsdom with the real translations. Whole screens
// against the real API are the browser tests' job (test/browser).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    // Asia/Almaty is what the screens show; the machine's zone must not leak into the assertions.
    env: { TZ: 'UTC' },
  },
});
