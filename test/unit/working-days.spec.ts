import { ageInYears, almatyDate, formatDate } from '../../apps/web/src/features/cases/dates';
import { deadlineState, isWorkingDay, workCalendar } from '../../apps/web/src/features/cases/working-days';

// The case page's deadline words ("N working days left", "overdue") and dates, counted in Asia/Almaty
// (UTC+5) as the server counts SLAs: Monday–Friday plus the calendar's exceptions, days in (today, due].
const almaty = (local: string) => new Date(`${local.replace(' ', 'T')}+05:00`);
const endOf = (date: string) => almaty(`${date} 23:59:59.999`);

describe('deadlineState', () => {
  it.each([
    // now (Almaty)          due day        working days left
    ['2026-03-02 10:00', '2026-03-09', 5], // Monday → next Monday: Tue, Wed, Thu, Fri, Mon
    ['2026-03-06 16:00', '2026-03-09', 1], // Friday → Monday: the weekend does not count
    ['2026-03-07 12:00', '2026-03-09', 1], // Saturday → Monday
    ['2026-03-09 09:00', '2026-03-09', 0], // due at the end of today: nothing left, not yet overdue
    ['2026-03-02 00:00', '2026-03-16', 10],
  ])('at %s a deadline on %s has %i working days left', (now, due, left) => {
    expect(deadlineState(almaty(now), endOf(due))).toEqual({ overdue: false, workingDaysLeft: left });
  });

  it('is overdue from the first moment after the due instant', () => {
    expect(deadlineState(almaty('2026-03-10 00:00:00.000'), endOf('2026-03-09'))).toEqual({ overdue: true });
    expect(deadlineState(almaty('2026-03-09 23:59:59.999'), endOf('2026-03-09'))).toEqual({ overdue: false, workingDaysLeft: 0 });
  });

  it('counts the Almaty day, not the UTC one', () => {
    // 20:30 UTC on Sunday is already Monday 01:30 in Almaty: Tuesday is then 1 working day away.
    expect(deadlineState(new Date('2026-03-08T20:30:00Z'), endOf('2026-03-10'))).toEqual({ overdue: false, workingDaysLeft: 1 });
  });

  it('leaves out holidays and days off, and counts weekend days worked by decree', () => {
    const calendar = workCalendar([
      { date: '2026-03-09', kind: 'day_off' },
      { date: '2026-03-23', kind: 'holiday' },
      { date: '2026-03-07', kind: 'working_day' },
    ]);
    expect(isWorkingDay('2026-03-09', calendar)).toBe(false);
    expect(isWorkingDay('2026-03-07', calendar)).toBe(true);
    expect(isWorkingDay('2026-03-08', calendar)).toBe(false);
    // Fri 6th → Tue 10th: Sat 7th (worked) and Tue 10th; Mon 9th is a day off.
    expect(deadlineState(almaty('2026-03-06 12:00'), endOf('2026-03-10'), calendar)).toEqual({ overdue: false, workingDaysLeft: 2 });
    expect(deadlineState(almaty('2026-03-20 12:00'), endOf('2026-03-24'), calendar)).toEqual({ overdue: false, workingDaysLeft: 1 });
  });
});

describe('case page dates', () => {
  it('takes the calendar day in Almaty', () => {
    expect(almatyDate(new Date('2026-03-08T19:00:00Z'))).toBe('2026-03-09');
    expect(almatyDate(new Date('2026-03-08T18:59:59Z'))).toBe('2026-03-08');
  });

  it('writes dates DD.MM.YYYY, instants by their Almaty day', () => {
    expect(formatDate('2019-05-14')).toBe('14.05.2019');
    expect(formatDate('2026-03-08T19:30:00.000Z')).toBe('09.03.2026');
  });

  it.each([
    ['2019-05-14', '2026-05-13', 6],
    ['2019-05-14', '2026-05-14', 7],
    ['2020-02-29', '2026-02-28', 5],
    ['2020-02-29', '2026-03-01', 6],
    ['2026-01-10', '2026-01-10', 0],
  ])('someone born on %s is, on %s, %i years old', (birth, today, age) => {
    expect(ageInYears(birth, today)).toBe(age);
  });
});
