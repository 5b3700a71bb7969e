import { workingCalendar } from './working-days';
import { daysFor, isDueSoon, pauseDays, phaseDueAt, warningDay } from './referral-sla';

// March 2026:  Mo Tu We Th Fr Sa Su
//               9 10 11 12 13 14 15
//              16 17 18 19 20 21 22     21–23 Nauryz (21, 22 on the weekend → 24, 25 days off)
//              23 24 25 26 27 28 29
//              30 31  1  2  3  4  5     (April)
const NAURYZ_2026 = workingCalendar([
  { date: '2026-03-08', kind: 'holiday' },
  { date: '2026-03-09', kind: 'day_off' },
  { date: '2026-03-21', kind: 'holiday' },
  { date: '2026-03-22', kind: 'holiday' },
  { date: '2026-03-23', kind: 'holiday' },
  { date: '2026-03-24', kind: 'day_off' },
  { date: '2026-03-25', kind: 'day_off' },
]);
const at = (iso: string) => new Date(iso);

describe('referral SLA', () => {
  it('takes the respond and start days from the configuration', () => {
    expect(daysFor('respond', { slaRespondDays: 5, slaStartDays: 10 })).toBe(5);
    expect(daysFor('start', { slaRespondDays: 5, slaStartDays: 10 })).toBe(10);
  });

  it.each([
    // sent (Almaty time)           days  due (end of that Almaty day)
    ['2026-03-16T10:00:00+05:00', 5, '2026-03-26'], // Mon → 17 18 19 20 | 21–25 off | 26
    ['2026-03-19T10:00:00+05:00', 1, '2026-03-20'],
    ['2026-03-20T10:00:00+05:00', 1, '2026-03-26'], // Friday before Nauryz: next working day is Thursday
    ['2026-03-20T23:30:00+05:00', 1, '2026-03-26'],
    ['2026-03-19T19:30:00Z', 1, '2026-03-26'], // 00:30 on Friday in Almaty: Friday is the start day
    ['2026-03-16T10:00:00+05:00', 10, '2026-04-02'], // … 26 27 30 31 1 2
    ['2026-03-06T10:00:00+05:00', 1, '2026-03-10'], // 9 March, 8 March's day off, skipped
  ])('sent %s, %i working day(s) → due %s', (sent, days, due) => {
    expect(phaseDueAt(at(sent), days, NAURYZ_2026)).toEqual(new Date(`${due}T23:59:59.999+05:00`));
  });

  it('does not count paused days, and has no deadline while paused', () => {
    const sent = at('2026-03-02T10:00:00+05:00'); // Monday; 5 days → Monday 9 is off → due Tue 10 March
    expect(phaseDueAt(sent, 5, NAURYZ_2026)).toEqual(new Date('2026-03-10T23:59:59.999+05:00'));
    const paused = { pausedAt: at('2026-03-03T15:00:00+05:00'), resumedAt: null };
    expect(phaseDueAt(sent, 5, NAURYZ_2026, [paused])).toBeNull();
    // Paused Tuesday afternoon, resumed Thursday morning: Tuesday and Wednesday do not count.
    const resumed = { ...paused, resumedAt: at('2026-03-05T09:00:00+05:00') };
    expect(phaseDueAt(sent, 5, NAURYZ_2026, [resumed])).toEqual(new Date('2026-03-12T23:59:59.999+05:00'));
    // Paused and resumed the same day: nothing changes.
    const blink = { pausedAt: at('2026-03-03T10:00:00+05:00'), resumedAt: at('2026-03-03T16:00:00+05:00') };
    expect(phaseDueAt(sent, 5, NAURYZ_2026, [blink])).toEqual(new Date('2026-03-10T23:59:59.999+05:00'));
  });

  it('turns pause instants into Almaty days', () => {
    expect(pauseDays([{ pausedAt: at('2026-03-02T20:00:00Z'), resumedAt: at('2026-03-04T18:59:59Z') }])).toEqual([
      { from: '2026-03-03', to: '2026-03-04' },
    ]);
  });

  it.each([
    ['2026-03-27T23:59:59.999+05:00', '2026-03-26'],
    ['2026-03-26T23:59:59.999+05:00', '2026-03-20'], // the working day before Thursday 26 is Friday 20
    ['2026-03-10T23:59:59.999+05:00', '2026-03-06'],
  ])('warns about a deadline on %s from %s', (due, day) => {
    expect(warningDay(at(due), NAURYZ_2026)).toBe(day);
  });

  it.each([
    ['2026-03-19T23:00:00+05:00', false],
    ['2026-03-20T00:00:00+05:00', true],
    ['2026-03-24T12:00:00+05:00', true],
    ['2026-03-26T23:59:59.999+05:00', true],
    ['2026-03-27T00:00:00+05:00', false], // passed: a breach, not a warning
  ])('at %s a deadline at the end of 26 March is due soon: %s', (now, expected) => {
    expect(isDueSoon(at(now), at('2026-03-26T23:59:59.999+05:00'), NAURYZ_2026)).toBe(expected);
  });
});
