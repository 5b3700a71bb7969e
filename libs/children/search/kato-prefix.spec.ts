import { katoPrefix } from './children-search.repository';

describe('katoPrefix: a KATO filter matches everything inside it', () => {
  it.each([
    ['310000000', '31'], // region
    ['710000000', '71'], // city of republican significance
    ['311000000', '3110'], // district (XXXX00000)
    ['311010000', '311010'], // rural district (XXXXXX000)
    ['311012000', '311012'],
    ['311012345', '311012345'], // settlement: exact
  ])('%s → %s', (kato, prefix) => {
    expect(katoPrefix(kato)).toBe(prefix);
  });
});
