// All seven departments behind one table of fetchers, keyed by evidence name.
import type { DepartmentConfig } from '../src/config';
import type { Department } from '../src/evidence/kinds';
import { createCivilAffairsConnector } from './civilAffairs/client';
import { createHealthConnector } from './health/client';
import { createHousingConnector } from './housing/client';
import { DepartmentHttp, type AttemptWrapper, type CallObserver } from './http';
import { createHumanResourcesConnector } from './humanResources/client';
import { createMarketRegulationConnector } from './marketRegulation/client';
import { createNaturalResourcesConnector } from './naturalResources/client';
import { createPoliceConnector } from './police/client';
import type { EvidenceFetchers } from './types';

export function createEvidenceFetchers(
  departments: Record<Department, DepartmentConfig>,
  observe?: CallObserver,
  wrapAttempt?: AttemptWrapper,
): EvidenceFetchers {
  const http = (d: Department) => new DepartmentHttp({ department: d, ...departments[d] }, observe, wrapAttempt);
  return {
    ...createPoliceConnector(http('police')).fetchers,
    ...createCivilAffairsConnector(http('civilAffairs')).fetchers,
    ...createHumanResourcesConnector(http('humanResources')).fetchers,
    ...createNaturalResourcesConnector(http('naturalResources')).fetchers,
    ...createHousingConnector(http('housing')).fetchers,
    ...createHealthConnector(http('health')).fetchers,
    ...createMarketRegulationConnector(http('marketRegulation')).fetchers,
  };
}
