import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What one run of the reliability suite observed, shared between its test files (separate jest
 * workers) through files in a directory the global setup creates: measurements for the report
 * (docs/reliability.md, written by report-writer.js), the logs of every api process the suite
 * started, and every piece of personal data the suite sent, which must never appear in those logs.
 */
export type Section = 'load' | 'faults' | 'inputs' | 'leaks';

export function runDir(): string {
  const dir = process.env.QOLDAU_RELIABILITY_OUT;
  if (!dir) throw new Error('reliability tests need their global setup (run them with npm run test:reliability)');
  return dir;
}

export function logsDir(): string {
  const dir = join(runDir(), 'logs');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * One row of the report: what was tried, how much of it, and what came of it. A `breakdown` row
 * details another row's count (e.g. inputs by kind) and is not added to the totals.
 */
export function record(section: Section, what: string, count: number, outcome: string, breakdown = false): void {
  appendFileSync(join(runDir(), 'measurements.jsonl'), JSON.stringify({ section, what, count, outcome, breakdown }) + '\n');
}

/** Personal data the suite sent (IINs, names): the log check greps every captured log for each. */
export function usedPersonalData(...values: (string | null | undefined)[]): void {
  const lines = values.filter((v): v is string => !!v && v.length >= 4).map((v) => JSON.stringify(v) + '\n');
  if (lines.length) appendFileSync(join(runDir(), 'personal-data.jsonl'), lines.join(''));
}

/** The personal data of a child the suite registered: IIN, names, the guardians' names. */
export function usedChild(child: { identity: { iin: string | null; lastName: string; firstName: string }; guardians: { fullName: string }[] }): void {
  usedPersonalData(child.identity.iin, child.identity.lastName, child.identity.firstName, ...child.guardians.map((g) => g.fullName));
}
