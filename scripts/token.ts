// `npm run token -- --role ROLE [--county CODE] [--id-number N] [--sub S] [--ttl 1h]`:
// one development JWT, alone on stdout, signed with the key `npm start` trusts.
import { parseArgs } from 'node:util';
import { SignJWT, importPKCS8 } from 'jose';
import { ensureDevKeys, DEV_KEY_ALG, DEV_KEY_ID } from '../src/auth/devKeys';
import { ROLES } from '../src/auth/viewer';
import { loadConfig } from '../src/config';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    county: { type: 'string' },
    'id-number': { type: 'string' },
    sub: { type: 'string' },
    ttl: { type: 'string', default: '1h' },
  },
});
if (!values.role || !(ROLES as readonly string[]).includes(values.role)) {
  console.error(`usage: npm run token -- --role ROLE [--county CODE] [--id-number N] [--sub S] [--ttl 1h]\nroles: ${ROLES.join(', ')}`);
  process.exit(2);
}
const config = loadConfig();
if (config.production) {
  console.error('npm run token makes development tokens; it refuses NODE_ENV=production');
  process.exit(2);
}
const keys = await ensureDevKeys(config.dataDir);
const claims: Record<string, string> = { role: values.role };
if (values.county) claims.county = values.county;
if (values['id-number']) claims.idNumber = values['id-number'];
const token = await new SignJWT(claims)
  .setProtectedHeader({ alg: DEV_KEY_ALG, kid: DEV_KEY_ID, typ: 'JWT' })
  .setSubject(values.sub ?? `dev-${values.role}${values.county ? `-${values.county}` : ''}`)
  .setIssuer(config.jwt.issuer)
  .setAudience(config.jwt.audience)
  .setIssuedAt()
  .setExpirationTime(values.ttl)
  .sign(await importPKCS8(keys.privateKeyPem, DEV_KEY_ALG));
process.stdout.write(`${token}\n`);
