// Writes docs/reliability.md at the end of `npm run test:reliability`: what load the system held,
// which faults it survived, how many hostile inputs it was given, and which leaks were found, with
// the date and the commit. Also the last line of defence of the personal-data check: every log the
// suite's api processes wrote is searched for every IIN and name the suite sent; one hit fails the run.
// A jest reporter is loaded without jest's transform, hence plain JavaScript.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(import.meta.url), '../../../..');

function readLines(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

/** Every (value, log file) pair where personal data the suite sent appears in a captured log. */
function findLeaks(dir) {
  const values = [...new Set(readLines(join(dir, 'personal-data.jsonl')))];
  const logs = existsSync(join(dir, 'logs')) ? readdirSync(join(dir, 'logs')).map((f) => join(dir, 'logs', f)) : [];
  const leaks = [];
  let bytes = 0;
  for (const file of logs) {
    const text = readFileSync(file, 'utf8');
    bytes += text.length;
    for (const value of values) if (text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1))) leaks.push({ value, file });
  }
  return { values: values.length, logs: logs.length, bytes, leaks };
}

const cell = (value) => String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');

class ReliabilityReport {
  constructor(globalConfig) {
    this.globalConfig = globalConfig;
    this.error = undefined;
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.QOLDAU_RELIABILITY_OUT;
    if (!dir) return;
    const rows = readLines(join(dir, 'measurements.jsonl'));
    const logCheck = findLeaks(dir);
    if (logCheck.leaks.length) {
      this.error = new Error(`personal data in logs: ${logCheck.leaks.map((l) => `${l.value} in ${l.file}`).join('; ')}`);
    }
    let commit = 'unknown';
    try {
      commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      // not a git checkout
    }
    const files = results.testResults.map((file) => ({
      file: relative(ROOT, file.testFilePath),
      passed: file.numPassingTests,
      failed: file.numFailingTests + (file.testExecError ? 1 : 0),
      seconds: ((file.perfStats.end - file.perfStats.start) / 1000).toFixed(0),
    }));
    const section = (name, title) => {
      const mine = rows.filter((r) => r.section === name);
      if (!mine.length) return `### ${title}\n\n(not run)\n`;
      return `### ${title}\n\n| what | count | outcome |\n|---|---:|---|\n${mine.map((r) => `| ${cell(r.what)} | ${r.count} | ${cell(r.outcome)} |`).join('\n')}\n`;
    };
    const tried = rows.filter((r) => r.section === 'inputs' && !r.breakdown).reduce((sum, r) => sum + r.count, 0);
    const leakRows = [
      ...rows.filter((r) => r.section === 'leaks'),
      {
        what: `personal data (IINs, names) the suite sent, searched in ${logCheck.logs} api/worker logs (${(logCheck.bytes / 1024).toFixed(0)} kB, LOG_LEVEL=debug)`,
        count: logCheck.values,
        outcome: logCheck.leaks.length ? `${logCheck.leaks.length} found: ${logCheck.leaks.map((l) => l.value).join(', ')}` : '0 found',
      },
    ];
    const text = [
      '# Reliability and security suite: last run',
      '',
      'Written by `npm run test:reliability` (test/reliability, issue 20) at the end of every run; this copy is from a real run.',
      '',
      `- date: ${new Date().toISOString()}`,
      `- commit: \`${commit}\``,
      `- database: ${process.env.DATABASE_URL ? 'the server in DATABASE_URL (non-fault tests); the fault tests start their own embedded PostgreSQL' : 'embedded PostgreSQL'}`,
      `- tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, in ${((Date.now() - results.startTime) / 1000).toFixed(0)} s`,
      `- hostile inputs tried: ${tried}`,
      '',
      '| file | passed | failed | seconds |',
      '|---|---:|---:|---:|',
      ...files.map((f) => `| ${f.file} | ${f.passed} | ${f.failed} | ${f.seconds} |`),
      '',
      section('load', 'Load held'),
      section('faults', 'Faults survived'),
      section('inputs', 'Inputs tried'),
      `### Leaks found\n\n| what | count | outcome |\n|---|---:|---|\n${leakRows.map((r) => `| ${cell(r.what)} | ${r.count} | ${cell(r.outcome)} |`).join('\n')}\n`,
    ].join('\n');
    writeFileSync(join(ROOT, 'docs/reliability.md'), text);
  }

  getLastError() {
    return this.error;
  }
}

export default ReliabilityReport;
