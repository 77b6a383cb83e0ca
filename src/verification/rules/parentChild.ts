// Rule 1 (relationship) asks the gateway's one parent-child rule (src/evidence/parentChild.ts),
// the same one authorization asks; nothing about parenthood is decided here.
export { isChildOfHeadCode, matchBirthCertificate, parentByRegister, parentChildLink } from '../../evidence/parentChild';
