// Every mock department's handlers plus the control endpoints. The same list serves the
// tests (msw's setupServer, in process) and `npm run mocks` (a real HTTP server).
import type { HttpHandler } from 'msw';
import type { MockDepartments } from '../departments';
import { civilAffairsHandlers } from './civilAffairs';
import type { ScenarioSummary } from '../data/families/summary';
import { controlHandlers } from './control';
import { healthHandlers } from './health';
import { housingHandlers } from './housing';
import { humanResourcesHandlers } from './humanResources';
import { marketRegulationHandlers } from './marketRegulation';
import { naturalResourcesHandlers } from './naturalResources';
import { policeHandlers } from './police';

export function departmentHandlers(mock: MockDepartments, scenarios: () => ScenarioSummary[] = () => []): HttpHandler[] {
  return [
    ...controlHandlers(mock, scenarios),
    ...policeHandlers(mock),
    ...civilAffairsHandlers(mock),
    ...humanResourcesHandlers(mock),
    ...naturalResourcesHandlers(mock),
    ...housingHandlers(mock),
    ...healthHandlers(mock),
    ...marketRegulationHandlers(mock),
  ];
}
