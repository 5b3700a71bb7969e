import { createHmac, randomInt } from 'node:crypto';
import { request } from 'node:http';
import type { Response } from 'supertest';

/** Hand-made JWTs, to try the attacks a token verifier must refuse. */
export const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export function signHs256(payload: Record<string, unknown>, secret: string, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${b64url(header)}.${b64url(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

const LETTERS = 'абвгдежзиклмнопрстуфхшыэюяәғқңөұүһі';

/** A name no one else in the run uses, so that finding it in a log can only mean it leaked there. */
export function uniqueName(stem: string): string {
  let tail = '';
  for (let i = 0; i < 6; i++) tail += LETTERS[randomInt(LETTERS.length)];
  return `${stem}${tail}`;
}

/** Text that gives away the implementation: a stack frame, a file path, SQL, a driver error. */
const INTERNALS = [
  /\bat [\w$.<>]+ \(/, /\.(ts|js):\d+:\d+/, /node_modules/, /QueryFailedError/, /\bSELECT\b[\s\S]*\bFROM\b/i, /\bINSERT INTO\b/i,
  /\bUPDATE\b\s+\w+\s+SET\b/i, /\bviolates\b.*\bconstraint\b/i, /\bsyntax error at or near\b/i, /\brelation "\w+"/i, /"stack"\s*:/,
];

/** What the checks read of an answer: a supertest Response, or a fetch answer shaped like one (see `answerOf`). */
export type Answer = Pick<Response, 'status' | 'headers' | 'text' | 'body'>;

/** An answer's parts in the shape of a supertest Response: the body parsed when it is JSON, else {}. */
function answer(status: number, headers: Record<string, unknown>, text: string): Answer {
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = {};
  }
  return { status, headers, text, body } as Answer;
}

/** A fetch Response read into the shape of a supertest one. */
export async function answerOf(res: globalThis.Response): Promise<Answer> {
  return answer(res.status, Object.fromEntries(res.headers.entries()), await res.text());
}

/**
 * POSTs a JSON body that declares `bytes` and sends only its first 64 kB, then reads the answer. The
 * server refuses such a body from its Content-Length and closes the connection; a client still
 * writing the other megabytes would race that close (EPIPE, or a reset that drops the 413), which is
 * transport, not the answer under test. A client that stops and listens sees the server's answer.
 */
export function declaredOversize(url: string, bytes: number, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(bytes) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        req.destroy();
        resolve(answer(res.statusCode ?? 0, res.headers, Buffer.concat(chunks).toString('utf8')));
      });
    });
    req.on('error', reject);
    req.write(`{"nameKk":"${'x'.repeat(64 * 1024)}`);
  });
}

/** The reason an error body leaks internals, or null. */
export function internalsIn(res: Answer): string | null {
  const text = res.text ?? JSON.stringify(res.body ?? '');
  const hit = INTERNALS.find((pattern) => pattern.test(text));
  return hit ? `${hit} in ${text.slice(0, 300)}` : null;
}

/** Null when `res` is a well-formed problem (application/problem+json with a string `code`), else why not. */
export function problemFault(res: Answer): string | null {
  if (res.status < 400) return null;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) return `${res.status} with content-type ${type}: ${String(res.text).slice(0, 200)}`;
  if (typeof res.body?.code !== 'string' || !res.body.code) return `${res.status} problem without a code: ${String(res.text).slice(0, 200)}`;
  return internalsIn(res);
}
