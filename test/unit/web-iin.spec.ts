import { almatyDate, checkIin as serverCheck, iinCheckDigit as serverCheckDigit } from '@qoldau/core';
import { almatyToday, asIinTerm, checkIin as webCheck, iinCheckDigit as webCheckDigit } from '../../apps/web/src/shared/iin';

// The registration form checks an IIN as it is typed; it must say exactly what the server will say,
// or a child is refused after the form called the number good (or the other way round).
const TODAY = '2026-11-25';

/** What a check decides, without the server's English message. */
const verdict = (result: ReturnType<typeof serverCheck> | ReturnType<typeof webCheck>) =>
  result.valid ? { valid: true, birthDate: result.birthDate, sex: result.sex } : { valid: false, problem: result.problem };

describe('the web app checks an IIN with the server\'s rule', () => {
  it.each([
    // valid: each century/sex digit, a leap day, born today, a check digit from the second weight set
    ['190514600122', true],
    ['190514500123', true],
    ['870412300456', true],
    ['951231400786', true],
    ['010101500003', true],
    ['000229600004', true],
    ['991231100010', true],
    ['991231200027', true],
    ['190514500504', true],
    ['261125500127', true],
    // invalid: shape, century digit, date, future, check digit
    ['19051460012', false],
    ['1905146001223', false],
    ['19051460012a', false],
    ['１９０５１４６００１２２', false],
    [' 190514600122', false],
    ['', false],
    ['190514700126', false],
    ['190514000120', false],
    ['190230500121', false],
    ['010229600006', false],
    ['191314500120', false],
    ['190500500120', false],
    ['261201500126', false],
    ['261126500126', false],
    ['190514600121', false],
    ['870412300457', false],
    ['190514500530', false],
    ['190514500539', false],
  ])('%s: valid %s, and the same verdict as the server', (iin, valid) => {
    const web = webCheck(iin, TODAY);
    expect(web.valid).toBe(valid);
    expect(verdict(web)).toEqual(verdict(serverCheck(iin, TODAY)));
  });

  it('agrees with the server on every check digit and every verdict over many numbers', () => {
    // A deterministic spread of numbers (mulberry32): dates of all centuries, real and not, every
    // digit 7, and half of them with the right check digit so that both verdicts are well covered.
    let seed = 20260525;
    const random = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return (((x ^ (x >>> 14)) >>> 0) % n);
    };
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const disagreements: unknown[] = [];
    let valid = 0;
    for (let i = 0; i < 20_000; i++) {
      const first11 = `${pad(random(100), 2)}${pad(random(13) + 1, 2)}${pad(random(32), 2)}${random(8)}${pad(random(10_000), 4)}`;
      const digit = webCheckDigit(first11);
      if (digit !== serverCheckDigit(first11)) disagreements.push([first11, digit, serverCheckDigit(first11)]);
      const iin = `${first11}${i % 2 === 0 && digit !== null ? digit : random(10)}`;
      const [web, server] = [verdict(webCheck(iin, TODAY)), verdict(serverCheck(iin, TODAY))];
      if (JSON.stringify(web) !== JSON.stringify(server)) disagreements.push([iin, web, server]);
      if (web.valid) valid++;
    }
    expect(disagreements).toEqual([]);
    expect(valid).toBeGreaterThan(100);
  });

  it('takes "today" in Kazakhstan as the server does', () => {
    for (const at of ['2026-11-25T18:59:59Z', '2026-11-25T19:00:00Z', '2026-03-01T00:00:00Z', '2024-12-31T23:30:00Z']) {
      expect(almatyToday(new Date(at))).toBe(almatyDate(new Date(at)));
    }
  });

  it('reads a search term of digits (spaces allowed) as an IIN, anything else as a name', () => {
    expect(asIinTerm('190514 600122')).toBe('190514600122');
    expect(asIinTerm('Ахметова')).toBeNull();
    expect(asIinTerm('19051a')).toBeNull();
  });
});
