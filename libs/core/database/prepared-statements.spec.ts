import { StatementNames } from './prepared-statements';

type Config = { name: string; text: string };

describe('StatementNames', () => {
  it('gives one text one name, another text another, and a fresh config object each call', () => {
    const names = new StatementNames(10);
    const a1 = names.statement('SELECT 1 WHERE $1::int > 0') as unknown as Config;
    const a2 = names.statement('SELECT 1 WHERE $1::int > 0') as unknown as Config;
    const b = names.statement('SELECT 2 WHERE $1::int > 0') as unknown as Config;
    expect(a1).toEqual({ name: a2.name, text: 'SELECT 1 WHERE $1::int > 0' });
    expect(a1).not.toBe(a2);
    expect(b.name).not.toBe(a1.name);
    expect(a1.name).toMatch(/^q_[A-Za-z0-9_-]{24}$/);
  });

  it('sends texts past the cap unnamed, and keeps naming the ones it already named', () => {
    const names = new StatementNames(2);
    names.statement('SELECT 1');
    names.statement('SELECT 2');
    expect(names.statement('SELECT 3')).toBe('SELECT 3');
    expect((names.statement('SELECT 1') as unknown as Config).name).toMatch(/^q_/);
  });
});
