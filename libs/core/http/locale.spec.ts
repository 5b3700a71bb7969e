import { pickLocale } from './locale';

describe('pickLocale', () => {
  it.each([
    [undefined, 'kk'],
    ['', 'kk'],
    ['ru', 'ru'],
    ['en-US,en;q=0.9', 'en'],
    ['ru-KZ, kk;q=0.8', 'ru'],
    ['kk;q=0.5, ru;q=0.9', 'ru'],
    ['de-DE, fr;q=0.9', 'kk'],
    ['de, en;q=0.1', 'en'],
    ['ru;q=0, en', 'en'],
    ['*', 'kk'],
  ])('%s → %s', (header, expected) => {
    expect(pickLocale(header)).toBe(expected);
  });
});
