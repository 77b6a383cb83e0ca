// `npm run token -- --role ROLE [--county CODE] [--id-number N] [--sub S] [--ttl 1h]`:
// one development JWT, alone on stdout, signed with the key `npm start` trusts.
import { parseArgs } from 'node:util';
import { devTokenSigner } from '../src/auth/devKeys';
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
const sign = await devTokenSigner(config.dataDir, config.jwt);
const token = await sign(
  { role: values.role, county: values.county, idNumber: values['id-number'] },
  { sub: values.sub ?? `dev-${values.role}${values.county ? `-${values.county}` : ''}`, ttl: values.ttl },
);
process.stdout.write(`${token}\n`);
