// Who is asking, as the verified token says (docs/contract.md, "Identity").
export const ROLES = ['county_platform', 'school_reviewer', 'help_desk', 'applicant', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles tied to a county: their token must carry one. */
export const COUNTY_ROLES: readonly Role[] = ['county_platform', 'school_reviewer', 'help_desk'];

export interface Viewer {
  sub: string;
  role: Role;
  /** 6-digit region code; set for county roles */
  county: string | null;
  /** the signed-in resident, for applicants */
  idNumber: string | null;
}
