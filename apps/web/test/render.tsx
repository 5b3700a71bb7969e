import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { type ReactNode, Suspense } from 'react';
import { type Language, rememberLanguage } from '../src/shared/i18n/i18n';
import { i18next } from '../src/shared/i18n/i18n';

/** Renders `ui` as the app would (its own query cache, lazy translations loaded) in `language`. */
export async function renderIn(language: Language, ui: ReactNode) {
  rememberLanguage(language);
  await i18next.changeLanguage(language);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <Suspense fallback="loading">{ui}</Suspense>
    </QueryClientProvider>,
  );
}
