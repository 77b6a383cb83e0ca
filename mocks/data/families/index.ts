// The built-in data set the mock departments serve, and a cohort generator for benchmarks.
// Deterministic for a school year: a seeded PRNG and dates fixed relative to it (season.ts moves
// them to the year asked for, by default the one whose season is open today). Every person is fictional on sight
// (every given name holds 测, 样 or 演), every ID number and credit code carries a real check
// character, and every named scenario states the category the enrollment rules must reach.
import type { Dataset } from '../../../src/evidence/records';
import { Builder, SCHOOL_YEAR, type Scenario } from './builder';
import { addCohortFamily } from './cohort';
import { Rng } from './random';
import { buildScenarios } from './scenarios';
import { openSchoolYear, shiftYears } from './season';
import { summarize, type ScenarioSummary } from './summary';

export { SCHOOL_YEAR, type Category, type Person, type Scenario } from './builder';
export { applicationInputOf, summarize, type ScenarioMember, type ScenarioSummary } from './summary';
export { Rng } from './random';
export { openSchoolYear, seasonDay } from './season';
export { chineseNumber, writeAddress, type Notation, type Place } from './vocabulary';

const BUILTIN_SEED = 20240527;
const FILLER_SEED = 370800;
const FILLER_FAMILIES = 200;

/**
 * The named scenarios plus ~200 generated families from a fixed seed, applying for `schoolYear`
 * (default: the school year whose season has not ended today).
 */
export function buildBuiltinDataset(schoolYear: number = openSchoolYear(new Date())): { dataset: Dataset; scenarios: Scenario[] } {
  const b = new Builder(new Rng(BUILTIN_SEED));
  const scenarios = buildScenarios(b);
  // Filler draws from its own seed (a new named scenario barely reshuffles it); the one
  // builder keeps ID numbers and certificate numbers unique across both.
  b.rng = new Rng(FILLER_SEED);
  for (let i = 0; i < FILLER_FAMILIES; i++) addCohortFamily(b, `filler-${String(i + 1).padStart(3, '0')}`);
  return shiftYears({ dataset: b.ds, scenarios }, schoolYear - SCHOOL_YEAR);
}

/**
 * `families` generated families (benchmarks): every ID number unique, each with its expected
 * category, applying for `schoolYear` (default: the one whose season is open today, so their
 * applications can be registered).
 */
export function generateCohort(
  families: number,
  seed: number,
  schoolYear: number = openSchoolYear(new Date()),
): { dataset: Dataset; scenarios: Scenario[] } {
  const b = new Builder(new Rng(seed));
  const scenarios = new Array<Scenario>(families);
  const width = String(families).length;
  for (let i = 0; i < families; i++) scenarios[i] = addCohortFamily(b, `cohort-${String(i + 1).padStart(width, '0')}`);
  return shiftYears({ dataset: b.ds, scenarios }, schoolYear - SCHOOL_YEAR);
}

/** What GET /__mock/scenarios shows. */
export function builtinScenarioSummaries(schoolYear?: number): ScenarioSummary[] {
  return buildBuiltinDataset(schoolYear).scenarios.map(summarize);
}
