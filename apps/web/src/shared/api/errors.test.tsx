import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ERROR_CODES } from '../../../../../libs/core/errors/error-codes';
import { renderIn } from '../../../test/render';
import { ApiError, type Problem } from './client';
import { useErrorMessage } from './errors';

// What a user reads when a call fails: the catalogue's title for the problem's `code` in their language
// (GET /reference/error-codes, served here from the API's own table), not the server's `title` nor
// English developer text.
const catalogue = Object.entries(ERROR_CODES).map(([code, entry]) => ({ code, ...entry }));

function Message({ error }: { error: unknown }) {
  const message = useErrorMessage();
  return <p role="alert">{message(error)}</p>;
}

const problem = (code: string, extra: Partial<Problem> = {}) => new ApiError({ status: 422, code, ...extra });

describe('error code → message', () => {
  beforeEach(() => {
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      if (url !== '/api/v1/reference/error-codes') throw new Error(`unexpected fetch ${url}`);
      return new Response(JSON.stringify(catalogue), { headers: { 'Content-Type': 'application/json' } });
    }));
  });
  afterEach(() => vi.unstubAllGlobals());

  it.each(['kk', 'ru', 'en'] as const)("gives the catalogue's title in %s", async (language) => {
    await renderIn(language, <Message error={problem('CONSENT_REQUIRED', { title: 'server title' })} />);
    expect(await screen.findByText(ERROR_CODES.CONSENT_REQUIRED.title[language])).toBeTruthy();
  });

  it('falls back to the title the server sent for a code this client does not know', async () => {
    await renderIn('ru', <Message error={problem('SOMETHING_NEW', { title: 'Новое правило' })} />);
    expect(await screen.findByText('Новое правило')).toBeTruthy();
  });

  it('says "could not load" for a failure that is not a problem (the network is down)', async () => {
    await renderIn('en', <Message error={new TypeError('Failed to fetch')} />);
    const common = (await import('../i18n/locales/en/common.json')).default as { loadFailed: string };
    expect(await screen.findByText(common.loadFailed)).toBeTruthy();
  });
});
