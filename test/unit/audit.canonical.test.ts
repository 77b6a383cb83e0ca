// The hash chain's arithmetic, pinned: the canonical form's key order and the hash of a known
// entry (a change here breaks the verification of every log already written), the text the
// store can keep as is, and the archive file's own check.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseAge, verifyArchiveLines } from '../../src/audit/archive';
import {
  GENESIS_HASH,
  canonical,
  canonicalTime,
  entryHash,
  readsKey,
  readsText,
  storable,
  type AccessLogEntry,
  type ChainedFields,
} from '../../src/audit/canonical';

/** A format-1 entry: written before entries carried an action; every one of them is a read. */
const entry: ChainedFields = {
  format: 1,
  chainId: 'host-1-abc',
  seq: 1,
  at: '2025-07-01T08:00:00.123000Z',
  action: 'READ',
  requestId: 'req-1',
  actorSubject: 'platform-370811',
  actorRole: 'county_platform',
  actorCounty: '370811',
  applicationId: 'APP-1',
  countyCode: '370811',
  subjectHash: 'ab'.repeat(32),
  department: 'police',
  evidence: 'household',
  fields: ['name', 'address'],
  outcome: 'ALLOWED',
  source: 'DEPARTMENT',
  reason: null,
};

describe('canonical entry and hash', () => {
  it('is JSON with the keys in a fixed order, whatever order the object was built in', () => {
    expect(canonical(entry)).toBe(
      '{"v":1,"chainId":"host-1-abc","seq":1,"at":"2025-07-01T08:00:00.123000Z","requestId":"req-1","actorSubject":"platform-370811","actorRole":"county_platform","actorCounty":"370811","applicationId":"APP-1","countyCode":"370811","subjectHash":"' +
        'ab'.repeat(32) +
        '","department":"police","evidence":"household","fields":["name","address"],"outcome":"ALLOWED","source":"DEPARTMENT","reason":null}',
    );
    const shuffled = Object.fromEntries(Object.entries(entry).reverse()) as unknown as ChainedFields;
    expect(canonical(shuffled)).toBe(canonical(entry));
  });

  it('hashes SHA-256(prevHash || canonical) to a pinned value', () => {
    expect(entryHash(GENESIS_HASH, entry)).toBe('211fc36ccc5215bfd086463c5338745285e022494f71a015e6eb295555737ae0');
    // the same, spelled out: sha256 over prevHash's hex text followed by the canonical JSON
    expect(
      createHash('sha256')
        .update(GENESIS_HASH + canonical(entry))
        .digest('hex'),
    ).toBe('211fc36ccc5215bfd086463c5338745285e022494f71a015e6eb295555737ae0');
    expect(entryHash(GENESIS_HASH, entry)).not.toBe(entryHash(GENESIS_HASH, { ...entry, fields: ['address', 'name'] }));
    expect(entryHash(GENESIS_HASH, entry)).not.toBe(entryHash('1'.repeat(64), entry));
    expect(entryHash(GENESIS_HASH, entry)).not.toBe(entryHash(GENESIS_HASH, { ...entry, seq: 2 }));
  });

  it('format 2 hashes the action too, right after the time; format 1 entries keep their pinned hash', () => {
    const registration: ChainedFields = {
      ...entry,
      format: 2,
      action: 'REGISTER_APPLICATION',
      evidence: null,
      department: null,
      fields: [],
    };
    expect(canonical(registration)).toBe(
      '{"v":2,"chainId":"host-1-abc","seq":1,"at":"2025-07-01T08:00:00.123000Z","action":"REGISTER_APPLICATION","requestId":"req-1","actorSubject":"platform-370811","actorRole":"county_platform","actorCounty":"370811","applicationId":"APP-1","countyCode":"370811","subjectHash":"' +
        'ab'.repeat(32) +
        '","department":null,"evidence":null,"fields":[],"outcome":"ALLOWED","source":"DEPARTMENT","reason":null}',
    );
    // the action is covered: the same entry as another act does not keep its hash
    expect(entryHash(GENESIS_HASH, registration)).not.toBe(entryHash(GENESIS_HASH, { ...registration, action: 'READ' }));
    // and a format-1 entry's action is not part of what was hashed (they predate it)
    expect(entryHash(GENESIS_HASH, { ...entry, action: 'EXPORT_LOG' })).toBe(entryHash(GENESIS_HASH, entry));
    expect(() => canonical({ ...entry, format: 9 })).toThrow(/format/);
  });

  it('format 3 hashes the reads list in place of evidence and fields, and any change to it', () => {
    const three: ChainedFields = {
      ...entry,
      format: 3,
      department: null,
      evidence: null,
      fields: [],
      reads: [
        ['household', ['address', 'name']],
        ['properties', ['location']],
      ],
    };
    expect(canonical(three)).toBe(
      '{"v":3,"chainId":"host-1-abc","seq":1,"at":"2025-07-01T08:00:00.123000Z","action":"READ","requestId":"req-1","actorSubject":"platform-370811","actorRole":"county_platform","actorCounty":"370811","applicationId":"APP-1","countyCode":"370811","subjectHash":"' +
        'ab'.repeat(32) +
        '","department":null,"reads":[["household",["address","name"]],["properties",["location"]]],"outcome":"ALLOWED","source":"DEPARTMENT","reason":null}',
    );
    expect(readsText(three.reads!)).toBe('[["household",["address","name"]],["properties",["location"]]]');
    expect(readsKey(readsText(three.reads!))).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const h = entryHash(GENESIS_HASH, three);
    // a kind dropped, a field dropped, the list lost: each is a different hash
    expect(entryHash(GENESIS_HASH, { ...three, reads: [['household', ['address', 'name']]] })).not.toBe(h);
    expect(
      entryHash(GENESIS_HASH, {
        ...three,
        reads: [
          ['household', ['address']],
          ['properties', ['location']],
        ],
      }),
    ).not.toBe(h);
    expect(entryHash(GENESIS_HASH, { ...three, reads: null })).not.toBe(h);
    // evidence and fields are not part of a format 3 entry's form; format 2 is unchanged by reads
    expect(entryHash(GENESIS_HASH, { ...three, fields: ['x'] })).toBe(h);
    expect(entryHash(GENESIS_HASH, { ...entry, reads: three.reads })).toBe(entryHash(GENESIS_HASH, entry));
    expect(() => canonical({ ...entry, format: 4 })).toThrow(RangeError);
  });

  it('writes times in UTC with microseconds, as PostgreSQL gives them back', () => {
    expect(canonicalTime('2025-07-01T16:00:00.5+08:00')).toBe('2025-07-01T08:00:00.500000Z');
    expect(() => canonicalTime('yesterday')).toThrow();
  });

  it('makes text storable: no NUL, no lone surrogate', () => {
    expect(storable('a\u0000b')).toBe('a\uFFFDb');
    expect(storable('x\uD800y')).toBe('x\uFFFDy');
    expect(storable('好😀')).toBe('好😀');
    expect(storable(null)).toBeNull();
  });

  it('reads retention ages', () => {
    expect(parseAge('400d')).toBe(400 * 86_400_000);
    expect(parseAge('12h')).toBe(12 * 3_600_000);
    expect(() => parseAge('a year')).toThrow();
  });
});

describe('archive file check', () => {
  function chain(n: number): string[] {
    const lines: AccessLogEntry[] = [];
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= n; seq++) {
      const e = { ...entry, seq };
      const hash = entryHash(prev, e);
      lines.push({ ...e, prevHash: prev, hash });
      prev = hash;
    }
    const header = { type: 'chain', chainId: entry.chainId, firstSeq: 1, lastSeq: n, entries: n, prevHash: GENESIS_HASH, headHash: prev };
    return [JSON.stringify(header), ...lines.map((e) => JSON.stringify({ type: 'entry', ...e }))];
  }

  it('recomputes a chain to its head hash', () => {
    expect(verifyArchiveLines(chain(5))).toMatchObject({ ok: true, chains: [{ entries: 5 }] });
  });

  it('finds an edited line', () => {
    const lines = chain(5);
    lines[3] = lines[3]!.replace('"APP-1"', '"APP-2"');
    expect(verifyArchiveLines(lines)).toMatchObject({ ok: false, problem: expect.stringContaining('seq 3') });
  });

  it('finds a missing last line', () => {
    expect(verifyArchiveLines(chain(5).slice(0, -1)).ok).toBe(false);
  });
});
