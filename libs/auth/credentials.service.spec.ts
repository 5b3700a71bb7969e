import { DUMMY_PASSWORD_HASH, normalizeUsername } from './credentials.service';
import { PasswordHasher } from './password-hasher';

const parameters = (hash: string) => hash.split('$').slice(1, 4).join('$');

describe('credentials', () => {
  it('verifies unknown users against a dummy hash with the same cost as real ones', async () => {
    const real = await new PasswordHasher().hash('any password at all');
    expect(parameters(DUMMY_PASSWORD_HASH)).toBe(parameters(real));
    expect(parameters(real)).toBe('argon2id$v=19$m=19456,t=2,p=1');
    await expect(new PasswordHasher().verify(DUMMY_PASSWORD_HASH, 'any password at all')).resolves.toBe(false);
  });

  it.each([
    ['Aigerim.S', 'aigerim.s'],
    ['  admin ', 'admin'],
    ['ӘСЕЛЬ', 'әсель'],
  ])('matches usernames case-insensitively: %s → %s', (typed, stored) => {
    expect(normalizeUsername(typed)).toBe(stored);
  });
});
