import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../../api/schema';
import { i18next } from '../i18n/i18n';
import { currentTokens, refreshOnce } from './session';

/** A problem+json body (RFC 9457) as the API sends it: `code` is stable, `title` is in our language. */
export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  errors?: { field: string; code: string; message: string }[];
  [extra: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title ?? problem.code);
  }
}

const retried = new WeakSet<Request>();

/**
 * Every request carries the token and the user's language; a 401 refreshes the session once and
 * retries once, so no screen sees an expired token while the refresh token is valid.
 */
const auth: Middleware = {
  onRequest({ request }) {
    const tokens = currentTokens();
    if (tokens) request.headers.set('Authorization', `Bearer ${tokens.accessToken}`);
    request.headers.set('Accept-Language', i18next.language);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || retried.has(request) || request.url.includes('/auth/')) return response;
    const tokens = await refreshOnce();
    if (!tokens) return response;
    const again = new Request(request, { headers: new Headers(request.headers) });
    again.headers.set('Authorization', `Bearer ${tokens.accessToken}`);
    retried.add(again);
    return fetch(again);
  },
};

export const api = createClient<paths>({ baseUrl: '/' });
api.use(auth);

/** The data of a successful call, or an ApiError carrying the problem (for the error-code messages). */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) {
    const problem = (error ?? {}) as Partial<Problem>;
    throw new ApiError({ status: response.status, code: problem.code ?? 'INTERNAL', ...problem } as Problem);
  }
  return data as T;
}
