// Credentials for running the gateway as production (NODE_ENV=production) against the mock
// departments: tests and benchmarks. Production refuses the development credentials
// (connectors/devCredentials.ts) since everyone can read them; these are as public, but only
// the mock departments know them, never a real department.
import type { Department } from '../src/evidence/kinds';

export const STAND_IN_APP_KEY = 'jining-enrollment-gateway-stand-in';

export function standInDepartmentSecret(department: Department): string {
  return `stand-in-signing-secret-${department}`;
}
