import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TrustedProxies } from './trusted-proxies';

const VALID_INBOUND_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The request id: taken from an inbound `x-request-id` when it looks like one (so a proxy's id is kept),
 * otherwise a new UUID. Fastify calls this once per request (its `genReqId`) and keeps it on both the
 * request and the raw request; log lines, problem bodies, the audit trail and the response header all
 * read that same value back.
 */
export function generateRequestId(request: IncomingMessage): string {
  const inbound = request.headers['x-request-id'];
  return typeof inbound === 'string' && VALID_INBOUND_ID.test(inbound) ? inbound : randomUUID();
}

/** Reads the id set by generateRequestId from a Fastify request or its raw Node request. */
export function requestIdOf(request: { id?: unknown } | undefined): string | undefined {
  return typeof request?.id === 'string' ? request.id : undefined;
}

export const CLS_CLIENT_IP = 'qoldau:client-ip';

/** The client address: see TrustedProxies (only hops a trusted proxy added are believed). */
export function clientIpOf(request: IncomingMessage, proxies: TrustedProxies): string | null {
  return proxies.clientIp(request);
}
