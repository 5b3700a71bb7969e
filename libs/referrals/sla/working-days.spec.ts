import {
  addWorkingDays,
  CalendarDay,
  dueAt,
  isWorkingDay,
  previousWorkingDay,
  SlaPause,
  workingCalendar,
  workingDaysBetween,
} from './working-days';

// Expected dates below were worked out by hand from a printed calendar, not from this implementation.
//
//      January 2026            March 2026              May 2026            December 2026 / January 2027
// Mo Tu We Th Fr Sa Su   Mo Tu We Th Fr Sa Su   Mo Tu We Th Fr Sa Su   Mo Tu We Th Fr Sa Su
//           1  2  3  4    2  3  4  5  6  7  8                1  2  3   28 29 30 31  1  2  3
//  5  6  7  8  9 10 11    9 10 11 12 13 14 15    4  5  6  7  8  9 10    4  5  6  7  8  9 10
//                        16 17 18 19 20 21 22   11 12 13 14 15 16 17
//                        23 24 25 26 27 28 29

/** The fixed public holidays as the Foundation migration seeds them. */
const FIXED = ['01-01', '01-02', '01-07', '03-08', '03-21', '03-22', '03-23', '05-01', '05-07', '05-09', '07-06', '08-30', '10-25', '12-16'];
const fixedRows = (years: number[]): CalendarDay[] =>
  years.flatMap((year) => FIXED.map((monthDay) => ({ date: `${year}-${monthDay}`, kind: 'holiday' as const })));

/** Only what the migration seeds. */
const SEEDED = workingCalendar(fixedRows([2025, 2026, 2027]));

/** As an admin would complete 2026: Labour Code carry-overs and one decree-moved day. */
const KZ_2026 = workingCalendar([
  ...fixedRows([2025, 2026, 2027]),
  // Holidays falling on a weekend give the next working day off.
  { date: '2026-03-09', kind: 'day_off' }, // 8 March was a Sunday
  { date: '2026-03-24', kind: 'day_off' }, // Nauryz 21–22 March were Saturday and Sunday
  { date: '2026-03-25', kind: 'day_off' },
  { date: '2026-05-11', kind: 'day_off' }, // 9 May was a Saturday
  { date: '2026-08-31', kind: 'day_off' }, // 30 August was a Sunday
  { date: '2026-10-26', kind: 'day_off' }, // 25 October was a Sunday
  // A decree moves Monday 5 January to Saturday 3 January.
  { date: '2026-01-03', kind: 'working_day' },
  { date: '2026-01-05', kind: 'day_off' },
]);

describe('isWorkingDay', () => {
  it.each([
    ['2026-02-04', true, 'an ordinary Wednesday'],
    ['2026-02-07', false, 'Saturday'],
    ['2026-02-08', false, 'Sunday'],
    ['2026-01-01', false, 'New Year'],
    ['2026-01-02', false, 'New Year, day 2'],
    ['2026-01-07', false, 'Orthodox Christmas'],
    ['2026-03-08', false, '8 March on a Sunday'],
    ['2026-03-09', false, '8 March carried over'],
    ['2026-03-23', false, 'Nauryz'],
    ['2026-03-25', false, 'Nauryz carried over'],
    ['2026-03-26', true, 'after Nauryz'],
    ['2026-05-01', false, 'Unity Day'],
    ['2026-05-07', false, 'Defender of the Fatherland Day'],
    ['2026-05-08', true, 'between 7 and 9 May'],
    ['2026-05-11', false, 'Victory Day carried over'],
    ['2026-07-06', false, 'Capital Day'],
    ['2026-08-31', false, 'Constitution Day carried over'],
    ['2026-10-26', false, 'Republic Day carried over'],
    ['2026-12-16', false, 'Independence Day'],
    ['2026-01-03', true, 'a Saturday made a working day'],
    ['2026-01-04', false, 'the Sunday after it'],
    ['2026-01-05', false, 'a Monday made a day off'],
    ['2028-01-03', true, 'a Monday in a year without rows'],
  ])('%s is %s (%s)', (date, expected) => {
    expect(isWorkingDay(date, KZ_2026)).toBe(expected);
  });

  it.each([
    ['2026-03-09', true],
    ['2026-01-03', false],
    ['2026-01-05', true],
  ])('without the admin’s rows %s is %s', (date, expected) => {
    expect(isWorkingDay(date, SEEDED)).toBe(expected);
  });
});

describe('addWorkingDays', () => {
  it.each([
    // [start, n, expected with KZ_2026, expected with only the seeded holidays, what it shows]
    ['2026-02-02', 1, '2026-02-03', '2026-02-03', 'Monday + 1'],
    ['2026-02-02', 5, '2026-02-09', '2026-02-09', 'a full week'],
    ['2026-02-06', 1, '2026-02-09', '2026-02-09', 'Friday + 1 is Monday'],
    ['2026-02-07', 1, '2026-02-09', '2026-02-09', 'sent on Saturday'],
    ['2026-02-08', 0, '2026-02-08', '2026-02-08', 'n = 0 is the start day'],
    ['2026-02-02', 0, '2026-02-02', '2026-02-02', 'n = 0 on a working day'],
    ['2025-12-31', 1, '2026-01-03', '2026-01-05', 'New Year, then the worked Saturday'],
    ['2025-12-31', 2, '2026-01-06', '2026-01-06', 'New Year and the moved Monday'],
    ['2025-12-31', 3, '2026-01-08', '2026-01-08', 'Orthodox Christmas'],
    ['2025-12-26', 4, '2026-01-03', '2026-01-05', 'across the year boundary'],
    ['2026-01-06', 1, '2026-01-08', '2026-01-08', 'over 7 January'],
    ['2026-03-06', 1, '2026-03-10', '2026-03-09', '8 March on Sunday'],
    ['2026-03-20', 1, '2026-03-26', '2026-03-24', 'Nauryz'],
    ['2026-03-20', 5, '2026-04-01', '2026-03-30', 'Nauryz, five days'],
    ['2026-04-30', 1, '2026-05-04', '2026-05-04', '1 May'],
    ['2026-05-06', 1, '2026-05-08', '2026-05-08', '7 May'],
    ['2026-05-06', 2, '2026-05-12', '2026-05-11', '9 May on Saturday'],
    ['2026-07-03', 1, '2026-07-07', '2026-07-07', '6 July'],
    ['2026-08-28', 1, '2026-09-01', '2026-08-31', '30 August on Sunday'],
    ['2026-10-23', 1, '2026-10-27', '2026-10-26', '25 October on Sunday'],
    ['2026-12-15', 1, '2026-12-17', '2026-12-17', '16 December'],
    ['2026-12-30', 5, '2027-01-08', '2027-01-08', 'into 2027 over New Year and 7 January'],
    ['2026-01-01', 20, '2026-02-02', '2026-02-02', 'twenty days from New Year'],
  ])('%s + %i → %s (seeded only: %s) — %s', (start, n, expected, seededOnly) => {
    expect(addWorkingDays(start, n, KZ_2026)).toBe(expected);
    expect(addWorkingDays(start, n, SEEDED)).toBe(seededOnly);
  });

  describe('with pauses', () => {
    it.each<[string, number, SlaPause[], string | null, string]>([
      ['2026-02-02', 5, [{ from: '2026-02-04', to: '2026-02-06' }], '2026-02-11', 'two paused days in the middle'],
      ['2026-02-02', 5, [{ from: '2026-02-04', to: '2026-02-05' }, { from: '2026-02-09', to: '2026-02-10' }], '2026-02-11', 'two separate pauses'],
      ['2026-02-02', 1, [{ from: '2026-02-01', to: '2026-02-03' }], '2026-02-03', 'the day a pause is lifted counts'],
      ['2026-02-02', 1, [{ from: '2026-02-03', to: '2026-02-03' }], '2026-02-03', 'an empty pause changes nothing'],
      ['2026-02-06', 1, [{ from: '2026-02-07', to: '2026-02-09' }], '2026-02-09', 'a pause over a weekend changes nothing'],
      ['2026-02-02', 1, [{ from: '2026-02-10', to: '2026-02-20' }], '2026-02-03', 'a pause after the deadline changes nothing'],
      ['2026-03-20', 1, [{ from: '2026-03-26', to: '2026-03-27' }], '2026-03-27', 'a pause right after Nauryz'],
      ['2026-02-02', 5, [{ from: '2026-02-04', to: null }], null, 'an open pause: no deadline'],
      ['2026-02-02', 0, [{ from: '2026-01-01', to: null }], null, 'an open pause, even with n = 0'],
      ['2026-02-02', 5, [{ from: '2026-02-03', to: '2026-02-04' }, { from: '2026-02-20', to: null }], null, 'one of several pauses still open'],
    ])('%s + %i with %j → %s (%s)', (start, n, pauses, expected) => {
      expect(addWorkingDays(start, n, KZ_2026, pauses)).toBe(expected);
    });
  });

  it.each([
    ['2026-02-30', 1],
    ['2026-13-01', 1],
    ['2026-2-3', 1],
    ['20260203', 1],
    ['2026-02-03T00:00:00Z', 1],
    [' 2026-02-03', 1],
    ['', 1],
    ['2026-02-03', -1],
    ['2026-02-03', 1.5],
    ['2026-02-03', Number.NaN],
    ['2026-02-03', Number.POSITIVE_INFINITY],
    ['2026-02-03', 1_000_000],
  ])('refuses start %j with n = %p', (start, n) => {
    expect(() => addWorkingDays(start, n, KZ_2026)).toThrow(RangeError);
  });

  it.each<SlaPause[]>([
    [{ from: '2026-02-10', to: '2026-02-05' }],
    [{ from: '2026-02-31', to: null }],
    [{ from: '2026-02-01', to: 'soon' }],
  ])('refuses the pause %j', (pause) => {
    expect(() => addWorkingDays('2026-02-02', 3, KZ_2026, [pause])).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it.each<[string, string, SlaPause[], number, string]>([
    ['2026-02-02', '2026-02-02', [], 0, 'same day'],
    ['2026-02-06', '2026-02-09', [], 1, 'Friday to Monday'],
    ['2026-02-07', '2026-02-08', [], 0, 'over a weekend only'],
    ['2026-03-20', '2026-03-26', [], 1, 'over Nauryz'],
    ['2026-03-26', '2026-03-20', [], -1, 'backwards: still to go'],
    ['2025-12-31', '2026-01-08', [], 3, 'across New Year with the moved day'],
    ['2026-02-02', '2026-02-13', [{ from: '2026-02-04', to: '2026-02-06' }], 7, 'a pause is not counted'],
    ['2026-02-02', '2026-02-13', [{ from: '2026-02-05', to: null }], 2, 'an open pause stops the count'],
    ['2026-12-16', '2027-01-08', [], 15, 'overdue across the year boundary'],
  ])('%s → %s with %j is %i (%s)', (from, to, pauses, expected) => {
    expect(workingDaysBetween(from, to, KZ_2026, pauses)).toBe(expected);
  });

  // Every start day of a year that crosses all the holidays, every n a referral SLA could use.
  const starts = Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2025, 11, 1 + i)).toISOString().slice(0, 10));
  it.each([0, 1, 2, 5, 10, 15])('undoes addWorkingDays for n = %i from every day of 2026', (n) => {
    for (const start of starts) {
      const due = addWorkingDays(start, n, KZ_2026);
      expect([start, due, workingDaysBetween(start, due!, KZ_2026)]).toEqual([start, due, n]);
      expect(workingDaysBetween(due!, start, KZ_2026)).toBe(0 - n); // 0 - 0 is +0: no -0 for an on-time item
      if (n > 0) expect(isWorkingDay(due!, KZ_2026)).toBe(true);
    }
  });

  it('refuses a bad date', () => {
    expect(() => workingDaysBetween('2026-02-02', '2026-02-29', KZ_2026)).toThrow(RangeError);
  });
});

describe('previousWorkingDay', () => {
  it.each([
    ['2026-02-04', '2026-02-03', 'midweek'],
    ['2026-02-09', '2026-02-06', 'Monday → Friday'],
    ['2026-02-08', '2026-02-06', 'from a Sunday'],
    ['2026-03-26', '2026-03-20', 'back over Nauryz'],
    ['2026-01-06', '2026-01-03', 'the worked Saturday'],
    ['2026-01-03', '2025-12-31', 'back over New Year'],
    ['2026-01-08', '2026-01-06', 'back over Orthodox Christmas'],
    ['2026-05-12', '2026-05-08', 'back over 9–11 May'],
  ])('before %s is %s (%s)', (date, expected) => {
    expect(previousWorkingDay(date, KZ_2026)).toBe(expected);
  });

  it('refuses a bad date', () => {
    expect(() => previousWorkingDay('2026-04-31', KZ_2026)).toThrow(RangeError);
  });
});

describe('dueAt', () => {
  it.each<[string, number, SlaPause[], string | null, string]>([
    ['2026-02-06T10:00:00+05:00', 1, [], '2026-02-09T18:59:59.999Z', 'Friday + 1 ends Monday 23:59:59.999 in Almaty'],
    ['2026-02-05T18:59:59.999Z', 1, [], '2026-02-06T18:59:59.999Z', 'Thursday 23:59:59.999 Almaty is Thursday'],
    ['2026-02-05T19:00:00.000Z', 1, [], '2026-02-09T18:59:59.999Z', 'Thursday 19:00 UTC is already Friday in Almaty'],
    ['2026-02-08T20:30:00.000Z', 1, [], '2026-02-10T18:59:59.999Z', 'Sunday in UTC, Monday 01:30 in Almaty'],
    ['2026-03-19T09:00:00+05:00', 5, [], '2026-03-31T18:59:59.999Z', 'SLA_RESPOND_DAYS over Nauryz'],
    ['2026-12-29T09:00:00+05:00', 10, [], '2027-01-14T18:59:59.999Z', 'SLA_START_DAYS over New Year'],
    ['2026-02-02T09:00:00+05:00', 5, [{ from: '2026-02-04', to: '2026-02-06' }], '2026-02-11T18:59:59.999Z', 'paused two days'],
    ['2026-02-02T09:00:00+05:00', 5, [{ from: '2026-02-04', to: null }], null, 'paused: no deadline'],
  ])('sent %s, n = %i, pauses %j → %s (%s)', (sentAt, n, pauses, expected) => {
    expect(dueAt(new Date(sentAt), n, KZ_2026, pauses)?.toISOString() ?? null).toBe(expected);
  });

  it.each([new Date('nope'), new Date(Number.NaN)])('refuses an invalid Date', (sentAt) => {
    expect(() => dueAt(sentAt, 1, KZ_2026)).toThrow(RangeError);
  });
});

describe('workingCalendar', () => {
  it.each<[string, CalendarDay[]]>([
    ['a malformed date', [{ date: '2026-1-1', kind: 'holiday' }]],
    ['an impossible date', [{ date: '2026-02-29', kind: 'holiday' }]],
    ['an unknown kind', [{ date: '2026-02-02', kind: 'vacation' as CalendarDay['kind'] }]],
    ['one date with two kinds', [{ date: '2026-02-02', kind: 'holiday' }, { date: '2026-02-02', kind: 'working_day' }]],
  ])('refuses %s', (_what, rows) => {
    expect(() => workingCalendar(rows)).toThrow(RangeError);
  });

  it.each<[string, CalendarDay[], string, boolean]>([
    ['a repeated row', [{ date: '2026-02-02', kind: 'holiday' }, { date: '2026-02-02', kind: 'holiday' }], '2026-02-02', false],
    ['working_day on a weekday', [{ date: '2026-02-02', kind: 'working_day' }], '2026-02-02', true],
    ['day_off on a weekend', [{ date: '2026-02-07', kind: 'day_off' }], '2026-02-07', false],
    ['no rows at all', [], '2026-01-01', true],
  ])('accepts %s', (_what, rows, date, working) => {
    expect(isWorkingDay(date, workingCalendar(rows))).toBe(working);
  });
});
