import { describeFailure, MAX_ATTEMPTS, retryDelayMs } from './retry';

describe('outbox retry', () => {
  it.each([
    [1, 60_000],
    [2, 5 * 60_000],
    [3, 15 * 60_000],
    [4, 60 * 60_000],
    [5, 6 * 60 * 60_000],
  ])('after %i failed attempt(s) waits %i ms', (attempts, delay) => {
    expect(retryDelayMs(attempts)).toBe(delay);
  });

  it('gives up after MAX_ATTEMPTS', () => {
    expect(MAX_ATTEMPTS).toBe(6);
    expect(retryDelayMs(MAX_ATTEMPTS)).toBeNull();
    expect(retryDelayMs(MAX_ATTEMPTS + 3)).toBeNull();
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %p attempts', (attempts) => {
    expect(() => retryDelayMs(attempts)).toThrow(RangeError);
  });

  it('records the class and code of a failure, never its message', () => {
    const error = Object.assign(new Error('mailbox aigerim@example.kz is full'), { code: 'EMAILBOX_FULL' });
    expect(describeFailure(error)).toBe('Error:EMAILBOX_FULL');
    class SmtpError extends Error {
      override name = 'SmtpError';
    }
    expect(describeFailure(new SmtpError('550 user +77011234567 unknown'))).toBe('SmtpError');
    expect(describeFailure(Object.assign(new Error('x'), { code: 'has spaces and @' }))).toBe('Error');
    expect(describeFailure('a string')).toBe('Error');
  });
});
