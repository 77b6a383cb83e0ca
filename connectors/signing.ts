// Request signing shared by the connectors (signer) and the mock departments (verifier),
// so both sides compute exactly the same string. Scheme, as the departments publish it in
// their OpenAPI documents:
//   X-App-Key: <app key>    X-Timestamp: <ms since epoch>    X-Nonce: <random hex>
//   X-Signature: base64(HMAC-SHA256(secret, METHOD \n PATH?QUERY \n TIMESTAMP \n NONCE \n hex(SHA-256(body))))
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { pooledRandomBytes } from '../src/randomPool';

export const SIGNATURE_HEADERS = {
  appKey: 'x-app-key',
  timestamp: 'x-timestamp',
  nonce: 'x-nonce',
  signature: 'x-signature',
} as const;

/** Requests older or newer than this are refused (replay protection). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

function canonical(method: string, pathWithQuery: string, timestamp: string, nonce: string, body: string): string {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return [method.toUpperCase(), pathWithQuery, timestamp, nonce, bodyHash].join('\n');
}

export function signRequest(input: {
  method: string;
  pathWithQuery: string;
  body: string;
  appKey: string;
  secret: string;
  now?: number;
}): Record<string, string> {
  const timestamp = String(input.now ?? Date.now());
  const nonce = pooledRandomBytes(12).toString('hex');
  const signature = createHmac('sha256', input.secret)
    .update(canonical(input.method, input.pathWithQuery, timestamp, nonce, input.body))
    .digest('base64');
  return {
    [SIGNATURE_HEADERS.appKey]: input.appKey,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signature,
  };
}

export type SignatureCheck = { ok: true; appKey: string } | { ok: false; reason: 'missing' | 'unknown_app' | 'stale' | 'bad_signature' };

export function verifySignature(input: {
  method: string;
  pathWithQuery: string;
  body: string;
  headers: { get(name: string): string | null };
  secretFor: (appKey: string) => string | undefined;
  now?: number;
}): SignatureCheck {
  const appKey = input.headers.get(SIGNATURE_HEADERS.appKey);
  const timestamp = input.headers.get(SIGNATURE_HEADERS.timestamp);
  const nonce = input.headers.get(SIGNATURE_HEADERS.nonce);
  const signature = input.headers.get(SIGNATURE_HEADERS.signature);
  if (!appKey || !timestamp || !nonce || !signature) return { ok: false, reason: 'missing' };
  const secret = input.secretFor(appKey);
  if (!secret) return { ok: false, reason: 'unknown_app' };
  const ts = Number(timestamp);
  if (!Number.isFinite(ts) || Math.abs((input.now ?? Date.now()) - ts) > MAX_CLOCK_SKEW_MS) return { ok: false, reason: 'stale' };
  const expected = createHmac('sha256', secret)
    .update(canonical(input.method, input.pathWithQuery, timestamp, nonce, input.body))
    .digest();
  const given = Buffer.from(signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  return { ok: true, appKey };
}
