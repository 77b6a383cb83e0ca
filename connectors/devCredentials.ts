// Development credentials shared by the connectors and the mock departments, so that
// `npm start` signs and verifies without any setup. Refused in production (src/config.ts).
import type { Department } from '../src/evidence/kinds';

export const DEV_APP_KEY = 'jining-enrollment-gateway-dev';

export function devDepartmentSecret(department: Department): string {
  return `dev-only-signing-secret-${department}`;
}
