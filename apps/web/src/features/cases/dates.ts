/**
 * Calendar dates of the case page: days in Asia/Almaty (where every deadline and birthday is counted),
 * shown as people here write them (DD.MM.YYYY). Pure functions, unit-tested in test/unit.
 */
const ALMATY_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Almaty calendar day (YYYY-MM-DD) of an instant. */
export function almatyDate(instant: Date): string {
  const parts = ALMATY_DAY.formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** DD.MM.YYYY of a calendar date (YYYY-MM-DD) as is, or of an instant's day in Almaty. */
export function formatDate(value: string): string {
  const [, year, month, day] = DATE_ONLY.exec(value) ?? DATE_ONLY.exec(almatyDate(new Date(value))) ?? [];
  return year ? `${day}.${month}.${year}` : value;
}

/** Full years of age on `today` (YYYY-MM-DD); someone born on 29 February turns a year older on 1 March. */
export function ageInYears(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  const birthdayPassed = tm > bm || (tm === bm && td >= bd);
  return Math.max(0, ty - by - (birthdayPassed ? 0 : 1));
}
