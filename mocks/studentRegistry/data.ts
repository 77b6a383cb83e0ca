// The registry's students: the children of the built-in mock families (so the gateway has
// their evidence), and one large fictional class, larger than the gateway's person cap, whose
// ID numbers are generated with valid check digits and belong to no family.
import { makeIdNumber } from '../../src/codes/idNumber';
import { MAX_PEOPLE_PER_QUERY } from '../../src/evidence/validate';
import type { Scenario } from '../data/families/builder';

export interface StudentRecord {
  studentNumber: string;
  schoolCode: string;
  schoolName: string;
  className: string;
  enrolledOn: string;
  idNumber: string;
}

export const SCHOOL = { code: 'S370811001', name: '济宁市任城区示范小学' } as const;
export const FAMILY_CLASS = '一年级(1)班';
export const LARGE_CLASS = '一年级(9)班';

export function buildStudents(scenarios: readonly Scenario[]): StudentRecord[] {
  const families = scenarios.map((s, i) => ({
    studentNumber: `G${s.countyCode}${String(i + 1).padStart(4, '0')}`,
    schoolCode: SCHOOL.code,
    schoolName: SCHOOL.name,
    className: FAMILY_CLASS,
    enrolledOn: `${s.schoolYear}-09-01`,
    idNumber: s.child.idNumber,
  }));
  const large = Array.from({ length: MAX_PEOPLE_PER_QUERY + 1 }, (_, i) => ({
    studentNumber: `G370811${String(9001 + i)}`,
    schoolCode: SCHOOL.code,
    schoolName: SCHOOL.name,
    className: LARGE_CLASS,
    enrolledOn: '2025-09-01',
    idNumber: makeIdNumber('370811', '2019-03-01', 100 + i),
  }));
  return [...families, ...large];
}
