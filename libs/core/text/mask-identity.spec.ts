import { maskChildIdentity } from './mask-identity';

const NAMES = ['Ахметова', 'Әлия', 'Серікқызы'];

describe('maskChildIdentity', () => {
  it.each([
    ['Ахметова Әлия, ЖСН 190514600123, судороги', '*** ***, ЖСН ***, судороги'],
    ['ребёнок Ахметовой Алии доставлен без сознания', 'ребёнок *** *** доставлен без сознания'],
    ['Akhmetova Aliya brought in unconscious', '*** *** brought in unconscious'],
    ['ИИН 190514 600 123 в приёмном покое', 'ИИН *** в приёмном покое'],
    ['Серікқызы Әлияға шұғыл көмек керек', '*** *** шұғыл көмек керек'],
  ])('%s → %s', (text, expected) => {
    expect(maskChildIdentity(text, NAMES)).toBe(expected);
  });

  it('leaves other words and numbers alone', () => {
    const text = 'Приступ в 14:30, доза 5 мг, телефон скорой 103, полис 12345';
    expect(maskChildIdentity(text, NAMES)).toBe(text);
  });

  it('masks IIN-shaped numbers even without names', () => {
    expect(maskChildIdentity('IIN 190514600123.', [])).toBe('IIN ***.');
  });
});
