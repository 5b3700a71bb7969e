/**
 * Awaits independent statements of one transaction that were all made before the first answer came.
 * The pool's connections pipeline (data-source.ts): node-postgres writes each query as soon as it is
 * made and matches the answers in order, so statements made together cross the socket back to back
 * instead of a round trip each, and Node reads one answer while PostgreSQL executes the next. The
 * connection still runs one statement at a time: this changes what waits, not what runs at once.
 *
 * Every statement is awaited before a failure is thrown — the transaction must not roll back and hand
 * its connection back while a statement of the batch is still unanswered — and the failure thrown is
 * the first to happen: the ones behind it in the same transaction only fail because it did (25P02).
 */
export async function pipelined<T extends { [key: string]: Promise<unknown> | undefined }>(statements: T): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  let failure: { error: unknown } | undefined;
  const entries = await Promise.all(
    Object.entries(statements).map(([key, answer]) =>
      Promise.resolve(answer).then(
        (value) => [key, value] as const,
        (error: unknown) => {
          failure ??= { error };
          return [key, undefined] as const;
        },
      ),
    ),
  );
  if (failure) throw failure.error;
  return Object.fromEntries(entries) as { [K in keyof T]: Awaited<T[K]> };
}
