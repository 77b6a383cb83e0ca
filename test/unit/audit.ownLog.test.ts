// What a parent reads in myAccessLog, entry by entry: one Chinese sentence naming the
// organisation (role and county by name), the application, whose data and which evidence, and
// how it ended; never the clerk's subject, the request or the chain.
import { describe, expect, it } from 'vitest';
import type { AccessLogEntry } from '../../src/audit/canonical';
import { checkOwnLogPage, organisationOf, toOwnEntry, type OwnSubject } from '../../src/audit/ownLog';
import { ACCESS_ACTIONS } from '../../src/audit/types';

const self: OwnSubject = { subjectHash: 'a'.repeat(64), relation: 'SELF', birthDate: null };
const child: OwnSubject = { subjectHash: 'b'.repeat(64), relation: 'CHILD', birthDate: '2019-03-27' };

function entry(over: Partial<AccessLogEntry> = {}): AccessLogEntry {
  return {
    format: 2,
    chainId: 'host-1-abc',
    seq: 7,
    at: '2026-07-02T01:00:00.000000Z',
    action: 'READ',
    requestId: 'req-secret-1',
    actorSubject: 'clerk-li-0042',
    actorRole: 'county_platform',
    actorCounty: '370811',
    applicationId: 'APP-1',
    countyCode: '370811',
    subjectHash: child.subjectHash,
    department: 'police',
    evidence: 'household',
    fields: ['name', 'householdNumber'],
    outcome: 'ALLOWED',
    source: 'DEPARTMENT',
    reason: 'statutory duty',
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
    ...over,
  };
}

describe('sentences', () => {
  it('an allowed read from the department, of a child', () => {
    const e = toOwnEntry(entry(), child, 'parent-1');
    expect(e.sentence).toBe('任城区招生平台为申请 APP-1 读取了您孩子（2019-03-27 出生）的户口本信息（来自公安部门）');
    expect(e).toMatchObject({ subject: 'CHILD', childBirthDate: '2019-03-27', evidenceName: '户口本', departmentName: '公安' });
  });

  it('from the cache, of the parent', () => {
    const e = toOwnEntry(entry({ source: 'CACHE', evidence: 'birthCertificates', department: 'health' }), self, 'parent-1');
    expect(e.sentence).toBe('任城区招生平台为申请 APP-1 读取了您的出生医学证明信息（来自网关缓存，原由卫生健康部门提供）');
    expect(e.childBirthDate).toBeNull();
  });

  it('a refused read names what it asked for from its field paths', () => {
    const e = toOwnEntry(
      entry({
        outcome: 'DENIED',
        source: null,
        evidence: null,
        department: null,
        actorCounty: '370812',
        fields: ['household.name', 'properties.location', 'household.address'],
      }),
      child,
      'parent-1',
    );
    expect(e.sentence).toBe('兖州区招生平台为申请 APP-1 请求读取您孩子（2019-03-27 出生）的户口本、不动产权证信息，被拒绝，未读取任何数据');
    expect(e.evidenceName).toBe('户口本、不动产权证');
  });

  it('a failed read says the department did not answer', () => {
    const e = toOwnEntry(entry({ outcome: 'ERROR', source: null, evidence: 'socialInsurance', department: 'humanResources' }), self, 'p');
    expect(e.sentence).toBe('任城区招生平台为申请 APP-1 请求读取您的参保缴费证明信息，人力资源社会保障部门未能答复，未读取到数据');
  });

  it('every action has its own sentence, none holding the clerk, the request or the chain', () => {
    const sentences = new Set<string>();
    for (const action of ACCESS_ACTIONS) {
      const e = toOwnEntry(entry({ action }), self, 'parent-1');
      sentences.add(e.sentence);
      for (const secret of ['clerk-li-0042', 'req-secret-1', 'host-1-abc', 'statutory duty'])
        expect(JSON.stringify(e)).not.toContain(secret);
    }
    expect(sentences.size).toBe(ACCESS_ACTIONS.length);
  });
});

describe('the organisation', () => {
  it.each([
    ['county_platform', '370883', 'x', '邹城市招生平台'],
    ['school_reviewer', '370811', 'x', '任城区学校招生审核人员'],
    ['help_desk', '370871', 'x', '济宁高新技术产业开发区帮办代办窗口'],
    ['help_desk', null, 'x', '济宁市帮办代办窗口'],
    ['applicant', null, 'parent-1', '您本人（爱山东）'],
    ['applicant', null, 'other-parent', '另一位申请人（爱山东）'],
    ['auditor', null, 'x', '济宁市数据审计人员'],
    ['admin', null, 'x', '网关运维人员'],
  ])('%s of %s (subject %s): %s', (actorRole, actorCounty, actorSubject, expected) => {
    expect(organisationOf({ actorRole, actorCounty, actorSubject }, 'parent-1')).toBe(expected);
  });
});

describe('paging arguments', () => {
  it('first from 1 to 200, 20 by default; a cursor this API made; from not after to', () => {
    expect(checkOwnLogPage({}).first).toBe(20);
    expect(() => checkOwnLogPage({ first: 0 })).toThrow(/first/);
    expect(() => checkOwnLogPage({ first: 201 })).toThrow(/first/);
    expect(() => checkOwnLogPage({ after: 'abc' })).toThrow(/after/);
    expect(() => checkOwnLogPage({ from: '2026-02-01T00:00:00Z', to: '2026-01-31T23:59:59Z' })).toThrow(/from/);
    expect(checkOwnLogPage({ from: '2026-02-01T00:00:00+08:00', to: '2026-01-31T16:00:00Z' }).first).toBe(20);
  });
});
