// Verifies the province identity platform's token and turns its claims into a Viewer.
// Every failure is the same UnauthenticatedError: a caller learns nothing about which
// check tripped (signature, algorithm, issuer, audience, time, claims); the error's
// `reason` says it for the operator's log.
import { LRUCache } from 'lru-cache';
import {
  createRemoteJWKSet,
  errors,
  importSPKI,
  jwtVerify,
  type JWTHeaderParameters,
  type JWTPayload,
  type JWTVerifyGetKey,
  type KeyObject,
} from 'jose';
import { normalizeIdNumber, validateIdNumber } from '../codes/idNumber';
import { isJiningCounty } from '../codes/regions';
import type { Config } from '../config';
import { UnauthenticatedError } from '../errors';
import { COUNTY_ROLES, ROLES, type Role, type Viewer } from './viewer';

/** Only asymmetric algorithms: an HS256 token "signed" with our public key is refused. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256'];

export interface TokenVerifier {
  verify(token: string): Promise<Viewer>;
}

/** Longer tokens are refused before any parsing: no identity platform issues one near it. */
export const MAX_TOKEN_LENGTH = 8192;

/**
 * Header `typ` values accepted: absent, a plain JWT, or an OAuth access token (RFC 9068).
 * Anything else (an ID token's cousin like `logout+jwt`, `dpop+jwt`, a JWE) is another kind of
 * token that happens to be signed by the same platform, and is refused.
 */
const ACCEPTED_TYP = new Set(['jwt', 'at+jwt']);

export async function createTokenVerifier(jwt: Config['jwt'], devPublicKeyPem?: string): Promise<TokenVerifier> {
  let key: JWTVerifyGetKey | KeyObject | PublicKey;
  if (jwt.jwksUrl) {
    // jose caches the set and refetches it when a token names an unknown kid (at most every 30 s)
    key = createRemoteJWKSet(new URL(jwt.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000, timeoutDuration: 5_000 });
  } else {
    const pem = jwt.publicKeyPem ?? devPublicKeyPem;
    if (!pem) throw new Error('no token verification key configured');
    key = await importPublicKey(pem);
  }
  // A platform sends the same token with request after request: a verified one is remembered
  // until it expires, for at most a minute (so a key the platform withdraws stops counting
  // within a minute). Only successes are remembered; a bad token is checked every time.
  const verified = new LRUCache<string, { viewer: Viewer; until: number }>({ max: 10_000 });
  return {
    async verify(token: string): Promise<Viewer> {
      if (typeof token !== 'string' || token.length === 0) throw new UnauthenticatedError('no bearer token');
      if (token.length > MAX_TOKEN_LENGTH) throw new UnauthenticatedError('token too long');
      const known = verified.get(token);
      if (known && Date.now() < known.until) return known.viewer;
      const viewer = await verifyFully(token);
      verified.set(token, { viewer, until: Math.min(Date.now() + VERIFIED_TOKEN_MEMORY_MS, (viewerExp.get(viewer) ?? 0) * 1000) });
      return viewer;
    },
  };

  async function verifyFully(token: string): Promise<Viewer> {
    {
      let payload: JWTPayload;
      let header: JWTHeaderParameters;
      try {
        // signature, alg (asymmetric only: `none` and HS256 never verify), iss, aud, exp and
        // nbf (both with the configured clock tolerance), and the presence of sub/exp/iss/aud
        ({ payload, protectedHeader: header } = await jwtVerify(token, key as Parameters<typeof jwtVerify>[1], {
          issuer: jwt.issuer,
          audience: jwt.audience,
          algorithms: ACCEPTED_ALGORITHMS,
          clockTolerance: jwt.clockToleranceSec,
          requiredClaims: ['sub', 'exp', 'iss', 'aud'],
        }));
      } catch (err) {
        throw new UnauthenticatedError(joseFailureReason(err));
      }
      if (header.typ !== undefined && !ACCEPTED_TYP.has(header.typ.toLowerCase().replace(/^application\//, '')))
        throw new UnauthenticatedError('not an access token (typ)');
      // jose checks iat only against a maximum age: a token issued in the future is refused here
      const nowSec = Math.floor(Date.now() / 1000);
      if (payload.iat !== undefined && payload.iat > nowSec + jwt.clockToleranceSec)
        throw new UnauthenticatedError('issued in the future (iat)');
      // a stolen long-lived token is a long-lived key: no identity platform needs to issue one
      if (lifetimeSec(payload, nowSec) > jwt.maxLifetimeSec + jwt.clockToleranceSec)
        throw new UnauthenticatedError('lifetime over JWT_MAX_LIFETIME_SEC (exp - iat)');
      const viewer = Object.freeze(viewerFromClaims(payload));
      viewerExp.set(viewer, payload.exp ?? 0);
      return viewer;
    }
  }
}

/** How long a verified token is remembered at most. */
export const VERIFIED_TOKEN_MEMORY_MS = 60_000;
/** exp of the token each verified viewer came from (viewers are frozen, shared by requests) */
const viewerExp = new WeakMap<Viewer, number>();

type PublicKey = Awaited<ReturnType<typeof importSPKI>>;

async function importPublicKey(pem: string): Promise<PublicKey> {
  for (const alg of ACCEPTED_ALGORITHMS) {
    try {
      return await importSPKI(pem, alg);
    } catch {
      /* try the next algorithm */
    }
  }
  throw new Error('JWT_PUBLIC_KEY is not an RSA or P-256 public key in PEM (SPKI) form');
}

/**
 * How long the token is valid for: exp - iat as issued, or, without iat, exp - now (a token
 * without iat cannot show it was not issued long ago, so its remaining time is what counts).
 */
export function lifetimeSec(payload: JWTPayload, nowSec: number): number {
  const exp = payload.exp ?? 0;
  return typeof payload.iat === 'number' ? exp - payload.iat : exp - nowSec;
}

/** The longest `sub` accepted, in characters (code points). */
export const MAX_SUBJECT_LENGTH = 256;

/**
 * `sub` goes into logs, the access log, the console and rate-limit keys: letters, marks, digits,
 * punctuation and symbols, with inner spaces only. No control or format character (\p{C}: the
 * bidirectional overrides and isolates such as U+202E, zero-width characters, private use,
 * unassigned code points, lone surrogates), no other kind of space or line separator: what an
 * auditor reads is what the platform sent.
 */
const SUBJECT = /^[\p{L}\p{M}\p{N}\p{P}\p{S}](?:[\p{L}\p{M}\p{N}\p{P}\p{S} ]*[\p{L}\p{M}\p{N}\p{P}\p{S}])?$/u;

export function isPrintableSubject(sub: unknown): sub is string {
  return typeof sub === 'string' && [...sub].length <= MAX_SUBJECT_LENGTH && sub.length <= 4 * MAX_SUBJECT_LENGTH && SUBJECT.test(sub);
}

/**
 * The claims as a Viewer, or UnauthenticatedError: an unknown role, a county role without a
 * county of Jining, an applicant without a valid ID number, a missing or odd subject. A county
 * on any other role's token is ignored (no rule reads it); so is an ID number on a non-applicant's.
 */
export function viewerFromClaims(payload: JWTPayload): Viewer {
  const { sub, role } = payload;
  if (!isPrintableSubject(sub)) throw new ClaimError('sub', 'missing or unprintable subject (sub)');
  if (typeof role !== 'string') throw new ClaimError('role', 'missing claim role');
  if (!(ROLES as readonly string[]).includes(role)) throw new ClaimError('role', 'unknown role');
  const isCountyRole = COUNTY_ROLES.includes(role as Role);
  const county = typeof payload.county === 'string' ? payload.county : null;
  if (isCountyRole && !county) throw new ClaimError('county', `missing claim county (required for ${role})`);
  if (isCountyRole && county && !isJiningCounty(county)) throw new ClaimError('county', 'county is not a county code of Jining');
  let idNumber: string | null = null;
  if (role === 'applicant') {
    if (typeof payload.idNumber !== 'string') throw new ClaimError('idNumber', 'missing claim idNumber (required for applicant)');
    idNumber = normalizeIdNumber(payload.idNumber);
    if (!validateIdNumber(idNumber).ok) throw new ClaimError('idNumber', 'idNumber is not a valid resident ID number');
  }
  return { sub, role: role as Role, county: isCountyRole ? county : null, idNumber };
}

/** A claim the gateway refuses: `claim` names it (the token command maps it to its flag). */
export class ClaimError extends UnauthenticatedError {
  constructor(
    readonly claim: 'sub' | 'role' | 'county' | 'idNumber',
    reason: string,
  ) {
    super(reason);
  }
}

/** jose's failure as a reason an operator can act on; never the token or a claim's value. */
export function joseFailureReason(err: unknown): string {
  if (!(err instanceof errors.JOSEError)) return 'identity platform keys unavailable';
  if (err instanceof errors.JWTExpired) return 'expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.reason === 'missing') return `missing claim ${err.claim}`;
    const what: Record<string, string> = { aud: 'wrong audience', iss: 'wrong issuer', nbf: 'not yet valid (nbf)', iat: 'invalid iat' };
    return what[err.claim] ?? `invalid claim ${err.claim}`;
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (err instanceof errors.JWKSNoMatchingKey) return 'unknown signing key (kid)';
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) return 'identity platform keys unavailable';
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return 'malformed token';
  return 'token refused';
}
