// `npm run token -- --role ROLE [--county CODE] [--id-number N] [--sub S] [--ttl 1h]`:
// one development JWT, alone on stdout, signed with the key `npm start` trusts. A token the
// gateway would refuse is never printed: the claims go through the gateway's own checks
// (viewerFromClaims), and the signed token through its verifier, before it is shown; a
// refusal is one line on stderr naming the flag, and exit 2.
import { parseArgs } from 'node:util';
import { ensureDevKeys, devTokenSigner } from '../src/auth/devKeys';
import { ClaimError, createTokenVerifier, viewerFromClaims } from '../src/auth/jwt';
import { COUNTY_ROLES, ROLES } from '../src/auth/viewer';
import { JINING_COUNTIES } from '../src/codes/regions';
import { ConfigError, loadConfig } from '../src/config';
import { UnauthenticatedError } from '../src/errors';

/** Jining's county codes with their names, five to a line under the flag. */
function countyLines(): string {
  const entries = Object.entries(JINING_COUNTIES).map(([code, name]) => `${code} ${name}`);
  const lines: string[] = [];
  for (let i = 0; i < entries.length; i += 5) lines.push(entries.slice(i, i + 5).join(', '));
  return lines.join(',\n                    ');
}

const USAGE = `usage: npm run token -- --role ROLE [--county CODE] [--id-number N] [--sub S] [--ttl 1h]

Prints one development JWT on stdout, signed with the key in DATA_DIR (default ./data) that
npm start trusts. Refuses, with one line and exit 2, a token the gateway would refuse.

  --role ROLE       ${ROLES.join(', ')}
  --county CODE     the county of ${COUNTY_ROLES.join(', ')} (required for them):
                    ${countyLines()}
  --id-number N     the signed-in resident's ID number (required for applicant); see the
                    built-in families at GET /__mock/scenarios
  --sub S           the token's subject (default dev-ROLE[-COUNTY])
  --ttl DURATION    how long it is valid: 30m, 1h, 8h (default 1h; at most
                    JWT_MAX_LIFETIME_SEC, 12h unless set)
  -h, --help        this text

  TOKEN=$(npm run -s token -- --role county_platform --county 370811)`;

/** The flag a user typed for each claim the gateway checks. */
const FLAG: Record<ClaimError['claim'], string> = { sub: '--sub', role: '--role', county: '--county', idNumber: '--id-number' };

/** 43200 -> "12h", 90 -> "90s": in the form --ttl takes */
function durationText(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600}h` : seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}

function refuse(message: string): never {
  console.error(`npm run token: ${message}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      role: { type: 'string' },
      county: { type: 'string' },
      'id-number': { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string', default: '1h' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (err) {
  // an unknown flag, a flag without its value, a stray argument: the first line of node's message
  refuse(`${(err instanceof Error ? err.message : String(err)).split('\n')[0]} (--help for usage)`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.role) refuse(`--role is required: one of ${ROLES.join(', ')}`);
if (!(ROLES as readonly string[]).includes(values.role)) refuse(`--role must be one of ${ROLES.join(', ')}`);
const role = values.role;

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) refuse(err.message);
  throw err;
}
if (config.production) refuse('it makes development tokens and refuses NODE_ENV=production');
if (config.jwt.jwksUrl || config.jwt.publicKeyPem)
  refuse(`${config.jwt.jwksUrl ? 'JWKS_URL' : 'JWT_PUBLIC_KEY'} is set: the gateway would verify with that, not the development key`);

const isCountyRole = (COUNTY_ROLES as readonly string[]).includes(role);
const sub = values.sub ?? `dev-${role}${isCountyRole && values.county ? `-${values.county}` : ''}`;
// only the claims the gateway reads for this role go into the token
const claims = { role, county: isCountyRole ? values.county : undefined, idNumber: role === 'applicant' ? values['id-number'] : undefined };
try {
  viewerFromClaims({ sub, role, county: values.county, idNumber: values['id-number'] });
} catch (err) {
  if (!(err instanceof ClaimError)) throw err;
  // the reason never holds the claim's value (an ID number must not reach a terminal's scrollback)
  refuse(`${FLAG[err.claim]}: ${err.reason}`);
}
// the gateway ignores these on other roles' tokens; saying so saves a confused afternoon
if (values.county && !isCountyRole) console.error(`npm run token: note: --county is ignored for ${role}`);
if (values['id-number'] && role !== 'applicant') console.error(`npm run token: note: --id-number is ignored for ${role}`);

const sign = await devTokenSigner(config.dataDir, config.jwt);
let token: string;
try {
  token = await sign(claims, { sub, ttl: values.ttl });
} catch {
  // jose's "Invalid time period format"
  refuse(`--ttl must be a duration such as 30m, 1h or 8h`);
}
try {
  // the gateway's own verifier, with its clock tolerance: a token it would refuse is not printed
  const verifier = await createTokenVerifier(config.jwt, (await ensureDevKeys(config.dataDir)).publicKeyPem);
  await verifier.verify(token);
} catch (err) {
  if (!(err instanceof UnauthenticatedError)) throw err;
  if (err.reason === 'expired') refuse('--ttl must be a duration in the future, such as 1h');
  if (err.reason.startsWith('lifetime over'))
    refuse(`--ttl must be at most ${durationText(config.jwt.maxLifetimeSec)} (JWT_MAX_LIFETIME_SEC)`);
  refuse(`the gateway would refuse this token: ${err.reason}`);
}
process.stdout.write(`${token}\n`);
