import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderIn } from '../../../test/render';
import { DeadlineTag } from './DeadlineTag';
import { workCalendar } from './working-days';

// The countdown a correction room reads on every incoming referral: working days in Asia/Almaty, the
// colour turning as the deadline nears, the server's own "overdue" trusted over the device clock.
const almaty = (local: string) => new Date(`${local.replace(' ', 'T')}+05:00`);
const endOf = (date: string) => almaty(`${date} 23:59:59.999`).toISOString();

describe('DeadlineTag', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(almaty('2026-03-02 10:00')); // a Monday
  });
  afterEach(() => vi.useRealTimers());

  it.each([
    ['ru', '2026-03-05', 'осталось 3 рабочих дня'],
    ['ru', '2026-03-09', 'осталось 5 рабочих дней'],
    ['ru', '2026-03-03', 'остался 1 рабочий день'],
    ['kk', '2026-03-05', '3 жұмыс күні қалды'],
    ['en', '2026-03-05', '3 working days left'],
    ['en', '2026-03-02', 'due today'],
  ] as const)('in %s, a deadline on %s reads "%s"', async (language, due, text) => {
    await renderIn(language, <DeadlineTag dueAt={endOf(due)} />);
    expect(await screen.findByText(text)).toBeTruthy();
  });

  it('skips the days off of the calendar (8 March on a Monday moved to the 9th)', async () => {
    const calendar = workCalendar([{ date: '2026-03-09', kind: 'day_off' }]);
    await renderIn('en', <DeadlineTag dueAt={endOf('2026-03-10')} calendar={calendar} />);
    expect(await screen.findByText('5 working days left')).toBeTruthy();
    await renderIn('en', <DeadlineTag dueAt={endOf('2026-03-10')} />);
    expect(await screen.findByText('6 working days left')).toBeTruthy();
  });

  it('turns amber on the last day and dark red once overdue (text colours that keep AA contrast)', async () => {
    const first = await renderIn('en', <DeadlineTag dueAt={endOf('2026-03-03')} />);
    expect((await screen.findByText('1 working day left')).style.color).toBe('rgb(173, 78, 0)');
    first.unmount();
    vi.setSystemTime(almaty('2026-03-04 00:00'));
    await renderIn('en', <DeadlineTag dueAt={endOf('2026-03-03')} />);
    expect((await screen.findByText('overdue')).style.color).toBe('rgb(168, 7, 26)');
  });

  it("says overdue when the server does, whatever this device's clock says", async () => {
    await renderIn('ru', <DeadlineTag dueAt={endOf('2026-03-09')} overdue />);
    expect(await screen.findByText('просрочено')).toBeTruthy();
  });
});
