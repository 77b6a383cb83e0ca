// Verifies the province identity platform's token and turns its claims into a Viewer.
// Every failure is the same UnauthenticatedError: a caller learns nothing about which
// check tripped (signature, algorithm, issuer, audience, time, claims).
import { createRemoteJWKSet, importSPKI, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type KeyObject } from 'jose';
import { validateIdNumber } from '../codes/idNumber';
import { isJiningCounty } from '../codes/regions';
import type { Config } from '../config';
import { UnauthenticatedError } from '../errors';
import { COUNTY_ROLES, ROLES, type Role, type Viewer } from './viewer';

/** Only asymmetric algorithms: an HS256 token "signed" with our public key is refused. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256'];

export interface TokenVerifier {
  verify(token: string): Promise<Viewer>;
}

export async function createTokenVerifier(jwt: Config['jwt'], devPublicKeyPem?: string): Promise<TokenVerifier> {
  let key: JWTVerifyGetKey | KeyObject | PublicKey;
  if (jwt.jwksUrl) {
    // jose caches the set and refetches it when a token names an unknown kid
    key = createRemoteJWKSet(new URL(jwt.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
  } else {
    const pem = jwt.publicKeyPem ?? devPublicKeyPem;
    if (!pem) throw new Error('no token verification key configured');
    key = await importPublicKey(pem);
  }
  return {
    async verify(token: string): Promise<Viewer> {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, key as Parameters<typeof jwtVerify>[1], {
          issuer: jwt.issuer,
          audience: jwt.audience,
          algorithms: ACCEPTED_ALGORITHMS,
          clockTolerance: jwt.clockToleranceSec,
          requiredClaims: ['sub', 'exp', 'iss', 'aud'],
        }));
      } catch {
        throw new UnauthenticatedError();
      }
      return viewerFromClaims(payload);
    },
  };
}

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

export function viewerFromClaims(payload: JWTPayload): Viewer {
  const role = payload.role;
  if (typeof payload.sub !== 'string' || payload.sub === '' || typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new UnauthenticatedError();
  }
  const county = typeof payload.county === 'string' ? payload.county : null;
  if (COUNTY_ROLES.includes(role as Role) && (!county || !isJiningCounty(county))) throw new UnauthenticatedError();
  const idNumber = typeof payload.idNumber === 'string' ? payload.idNumber.toUpperCase() : null;
  if (role === 'applicant' && (!idNumber || !validateIdNumber(idNumber).ok)) throw new UnauthenticatedError();
  return { sub: payload.sub, role: role as Role, county, idNumber: role === 'applicant' ? idNumber : null };
}
