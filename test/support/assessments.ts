import { execFile } from 'node:child_process';
import type { CaseWorker, RegisteredChild } from './children';
import type { TestApp } from './test-app';

/**
 * Helpers for PMPC assessments: consent, a complete draft, the commission's confirmations and
 * signing, all through the public API as a PMPC would do them, and the text layer of a PDF.
 *
 *   const conclusion = await signedConclusion(t, { child, specialist, head });
 */

/** A review date a year after the test clock's today (Asia/Almaty). */
export function reviewDateIn(t: TestApp, days = 365): string {
  const today = t.clock.today();
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A draft with everything signing needs (no commission unless `specialists` is given). */
export function completeDraft(t: TestApp, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    senCategories: ['speech'],
    programme: 'adapted',
    formOfEducation: 'inclusive_class',
    specialConditions: ['speech_therapist'],
    recommendations: { education: 'Логопедпен аптасына екі рет', health: 'Невропатолог кеңесі', social: null },
    protocolNotes: 'Комиссия хаттамасы: сөйлеу тілінің жүйелі бұзылуы',
    reviewDate: reviewDateIn(t),
    ...overrides,
  };
}

/** Records an active assessment consent of the child's first guardian, as `by`. */
export async function grantAssessmentConsent(t: TestApp, by: CaseWorker, child: RegisteredChild): Promise<string> {
  const res = await t.http.post(`/api/v1/children/${child.id}/consents`).set(await by.auth()).send({ kind: 'assessment', guardianId: child.guardians[0].id });
  if (res.status !== 201) throw new Error(`consent → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Opens an assessment as `by` (a PMPC user), 201 or throws. */
export async function openAssessment(t: TestApp, by: CaseWorker, childId: string, body: Record<string, unknown> = {}) {
  const res = await t.http.post(`/api/v1/children/${childId}/assessments`).set(await by.auth()).send(body);
  if (res.status !== 201) throw new Error(`open assessment → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; status: string; [field: string]: unknown };
}

export async function signAssessment(t: TestApp, head: CaseWorker, id: string) {
  const res = await t.http.post(`/api/v1/assessments/${id}/sign`).set(await head.auth());
  if (res.status !== 200) throw new Error(`sign → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; status: string; [field: string]: unknown };
}

/**
 * A signed conclusion of `child`: consent (unless `consent: false`), a complete draft opened by
 * `specialist` with them in the commission, their confirmation, and `head`'s signature.
 */
export async function signedConclusion(
  t: TestApp,
  options: { child: RegisteredChild; specialist: CaseWorker; head: CaseWorker; consent?: boolean; draft?: Record<string, unknown> },
) {
  if (options.consent !== false) await grantAssessmentConsent(t, options.specialist, options.child);
  const draft = await openAssessment(t, options.specialist, options.child.id, {
    ...completeDraft(t),
    specialists: [{ userId: options.specialist.userId, specialty: 'speech_therapist' }],
    ...options.draft,
  });
  const confirmed = await t.http
    .post(`/api/v1/assessments/${draft.id}/confirmations`)
    .set(await options.specialist.auth())
    .send({ findings: 'Сөйлеу тілінің жалпы дамымауы, III деңгей' });
  if (confirmed.status !== 201) throw new Error(`confirm → ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return signAssessment(t, options.head, draft.id);
}

// pdf.js runs as native ES modules, which jest's CommonJS registry cannot load; a plain Node process can.
const EXTRACT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c)).on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try { process.stdout.write((await parser.getText()).text); } finally { await parser.destroy(); }
});`;

/** The text layer of a PDF, as a reader's copy-and-paste would get it (pdf.js via pdf-parse). */
export function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', EXTRACT], { cwd: __dirname, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
    child.stdin?.end(pdf);
  });
}
