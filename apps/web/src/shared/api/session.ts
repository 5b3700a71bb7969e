/**
 * The signed-in session: tokens kept for this browser tab's lifetime (sessionStorage, never
 * localStorage, on shared machines in schools and clinics). One shared refresh promise, so ten
 * requests that meet an expired token refresh it once.
 */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

const KEY = 'qoldau.session';
let refreshing: Promise<Tokens | null> | null = null;
const listeners = new Set<(tokens: Tokens | null) => void>();

export function currentTokens(): Tokens | null {
  const raw = sessionStorage.getItem(KEY);
  return raw ? (JSON.parse(raw) as Tokens) : null;
}

export function storeTokens(tokens: Tokens | null): void {
  if (tokens) sessionStorage.setItem(KEY, JSON.stringify(tokens));
  else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener(tokens);
}

export function onSessionChange(listener: (tokens: Tokens | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Exchanges the refresh token once for everyone waiting; null when the session is over. */
export function refreshOnce(): Promise<Tokens | null> {
  refreshing ??= (async () => {
    const tokens = currentTokens();
    if (!tokens) return null;
    const res = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: tokens.refreshToken }),
    });
    const next = res.ok ? ((await res.json()) as Tokens) : null;
    storeTokens(next);
    return next;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}
