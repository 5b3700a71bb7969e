import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The built web app (`npm run build` → vite → apps/web/dist). */
export function webRoot(projectRoot: string): string {
  return join(projectRoot, 'apps/web/dist');
}

const SERVER_PATHS = /^\/(api|health|assets)(\/|$)/;

/**
 * History fallback for the single-page app: a browser asking for a client route (/cases/…, /sign-in)
 * gets index.html and the router takes it from there. Runs before routing (Fastify's rewriteUrl), so
 * API, health and asset paths — and anything that looks like a file — are never rewritten.
 */
export function spaRewrite(method: string | undefined, url: string | undefined): string {
  const path = (url ?? '/').split('?')[0];
  if (method !== 'GET' && method !== 'HEAD') return url ?? '/';
  if (path === '/' || SERVER_PATHS.test(path) || /\.[a-z0-9]+$/i.test(path)) return url ?? '/';
  return '/';
}

/**
 * Serves the web app at /: hashed assets cached for a year (their names change with their content),
 * index.html never cached (it names the current assets).
 */
export async function registerWebApp(app: NestFastifyApplication, projectRoot: string): Promise<void> {
  const root = webRoot(projectRoot);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`the web app is not built (${root}/index.html is missing): run npm run build`);
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    setHeaders: (res, path) => {
      res.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
