import { pipelined } from './pipelined';

const later = <T>(ms: number, value: T, fail = false) =>
  new Promise<T>((resolve, reject) => setTimeout(() => (fail ? reject(value) : resolve(value)), ms));

describe('pipelined', () => {
  it('answers each statement under its own key', async () => {
    await expect(pipelined({ a: later(5, 1), b: Promise.resolve('two'), c: undefined })).resolves.toEqual({ a: 1, b: 'two', c: undefined });
  });

  it('throws the failure that happened first, not the first listed', async () => {
    const cause = new Error('the statement that failed');
    const behind = new Error('current transaction is aborted');
    await expect(pipelined({ behind: later(10, behind, true), cause: later(1, cause, true) })).rejects.toBe(cause);
  });

  it('throws only once every statement is answered, so none is still in flight when the transaction ends', async () => {
    let answered = false;
    const slow = later(20, 'slow').then((value) => {
      answered = true;
      return value;
    });
    await expect(pipelined({ failed: later(1, new Error('no'), true), slow })).rejects.toThrow('no');
    expect(answered).toBe(true);
  });
});
