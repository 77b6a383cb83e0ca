// The schema check of CI (scripts/schema-check.ts): the committed docs/schema.graphql is the
// schema the gateway builds, and a change to it is named, a breaking one as BREAKING.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, printedSchema, schemaChanges } from '../../scripts/schema-check';

describe('the printed schema', () => {
  const committed = readFileSync(SCHEMA_FILE, 'utf8');

  it('docs/schema.graphql is the schema the gateway builds, Person keyed by ID number and purpose', () => {
    expect(committed).toBe(printedSchema());
    expect(committed).toMatch(/type Person\s+@key\(fields: "idNumber purpose \{ applicationId countyCode \}"\)/);
  });

  it('a removed field is named breaking; an added field is not', async () => {
    const household = /\n {2}"""\n {2}户口本 [^\n]*\n {2}"""\n {2}household: HouseholdRegistration\n/;
    expect(committed).toMatch(household);
    const removed = committed.replace(household, '\n');
    const changes = await schemaChanges(committed, removed);
    expect(changes).toContainEqual({ breaking: true, message: "Field 'household' was removed from object type 'Person'" });

    const added = committed.replace('type ReadPurpose\n  @shareable\n{', 'type ReadPurpose\n  @shareable\n{\n  note: String\n');
    expect(added).not.toBe(committed);
    expect(await schemaChanges(committed, added)).toEqual([
      { breaking: false, message: "Field 'note' was added to object type 'ReadPurpose'" },
    ]);
    expect(await schemaChanges(committed, committed)).toEqual([]);
  });
});
