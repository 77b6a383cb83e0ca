// The access log's schema: the 'audit' component of the database's migrations, applied at
// start-up by the one runner (src/db/migrate.ts) together with every other component's.
//
// Append-only, in two layers:
//  - on PostgreSQL the gateway's role (a member of enrollment_gateway_writer) holds only
//    SELECT and INSERT on the audit tables: UPDATE, DELETE and TRUNCATE are not its to run;
//  - a trigger refuses UPDATE, DELETE and TRUNCATE to everyone, the owner included, in both
//    stores. A superuser can still disable the trigger: that is what the hash chain detects.
//
// The one explicit exception is archival (retention): the SECURITY DEFINER function
// audit_archive_chain() records an archive (chain, first..last seq, head hash, file digest) in
// access_log_archive, and deletes exactly those rows. The trigger lets a DELETE through only
// while that function runs (a transaction-local flag it sets) AND only for rows an archive
// record covers, so even the function cannot delete what it did not archive. A function rather
// than a bare session flag: only roles granted EXECUTE (enrollment_audit_archiver) may call it,
// and it checks that the archive continues the chain (no gaps, head hash matches) before
// deleting anything.
import type { MigrationSet } from '../db/migrate';

/** Roles created on PostgreSQL (cluster-wide; NOLOGIN: login roles are made members of them). */
export const DB_ROLES = {
  writer: 'enrollment_gateway_writer',
  archiver: 'enrollment_audit_archiver',
  reader: 'enrollment_audit_reader',
} as const;

// Functions pin their search_path with pg_temp last, so a temporary table cannot stand in for
// access_log_archive inside them (the classic SECURITY DEFINER pitfall).
const GUARD = (schema: string) => `
CREATE OR REPLACE FUNCTION access_log_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = ${schema}, pg_temp AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'access_log' AND coalesce(current_setting('audit.archiving', true), '') = 'on' THEN
    IF EXISTS (SELECT 1 FROM access_log_archive a
               WHERE a.chain_id = OLD.chain_id AND OLD.seq BETWEEN a.first_seq AND a.last_seq) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
`;

export const AUDIT_MIGRATIONS: MigrationSet = {
  component: 'audit',
  migrations: [
    {
      version: 1,
      name: 'access_log, chains, archive records, append-only triggers',
      sql: (_kind, schema) => `
CREATE TABLE access_log (
  chain_id       text        NOT NULL,
  seq            bigint      NOT NULL CHECK (seq > 0),
  at             timestamptz NOT NULL,
  request_id     text        NOT NULL,
  actor_subject  text        NOT NULL,
  actor_role     text        NOT NULL,
  actor_county   text,
  application_id text,
  county_code    text,
  subject_hash   text,
  department     text,
  evidence       text,
  fields         text[]      NOT NULL,
  outcome        text        NOT NULL CHECK (outcome IN ('ALLOWED', 'DENIED', 'ERROR')),
  source         text        CHECK (source IN ('DEPARTMENT', 'CACHE')),
  reason         text,
  prev_hash      text        NOT NULL,
  hash           text        NOT NULL,
  PRIMARY KEY (chain_id, seq)
);
-- the auditor's filters, each with time order (pages are newest first)
CREATE INDEX access_log_at_idx          ON access_log (at, chain_id, seq);
CREATE INDEX access_log_subject_idx     ON access_log (subject_hash, at);
CREATE INDEX access_log_application_idx ON access_log (application_id, at);
CREATE INDEX access_log_actor_idx       ON access_log (actor_subject, at);
CREATE INDEX access_log_county_idx      ON access_log (county_code, at);
CREATE INDEX access_log_request_idx     ON access_log (request_id);

-- one row per chain, written with its first entries: a chain deleted whole is still missed
CREATE TABLE access_log_chains (
  chain_id   text        PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  host       text        NOT NULL,
  pid        integer     NOT NULL
);

-- one row per archived stretch of a chain: what the verifier links the remaining entries to
CREATE TABLE access_log_archive (
  chain_id    text        NOT NULL,
  first_seq   bigint      NOT NULL,
  last_seq    bigint      NOT NULL,
  prev_hash   text        NOT NULL,
  head_hash   text        NOT NULL,
  entries     bigint      NOT NULL,
  cut         timestamptz NOT NULL,
  file        text        NOT NULL,
  file_sha256 text        NOT NULL,
  archived_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (chain_id, first_seq),
  CHECK (last_seq >= first_seq AND entries = last_seq - first_seq + 1)
);

${GUARD(schema)}

CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_guard();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_guard();
CREATE TRIGGER access_log_chains_append_only BEFORE UPDATE OR DELETE ON access_log_chains
  FOR EACH ROW EXECUTE FUNCTION access_log_guard();
CREATE TRIGGER access_log_chains_no_truncate BEFORE TRUNCATE ON access_log_chains
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_guard();
CREATE TRIGGER access_log_archive_append_only BEFORE UPDATE OR DELETE ON access_log_archive
  FOR EACH ROW EXECUTE FUNCTION access_log_guard();
CREATE TRIGGER access_log_archive_no_truncate BEFORE TRUNCATE ON access_log_archive
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_guard();

-- The archive path (see the note at the top of migrations.ts). Returns the rows deleted.
CREATE FUNCTION audit_archive_chain(
  p_chain text, p_first bigint, p_last bigint, p_head_hash text,
  p_cut timestamptz, p_file text, p_file_sha256 text
) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${schema}, pg_temp AS $$
DECLARE
  expected_first bigint;
  expected_prev  text;
  first_prev     text;
  head           text;
  n              bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('access_log_archive:' || p_chain));
  SELECT last_seq + 1, head_hash INTO expected_first, expected_prev
    FROM access_log_archive WHERE chain_id = p_chain ORDER BY last_seq DESC LIMIT 1;
  IF NOT FOUND THEN
    expected_first := 1;
    expected_prev := repeat('0', 64);
  END IF;
  IF p_first <> expected_first OR p_last < p_first THEN
    RAISE EXCEPTION 'archive of chain % must start at seq % (asked % to %)', p_chain, expected_first, p_first, p_last;
  END IF;
  SELECT prev_hash INTO first_prev FROM access_log WHERE chain_id = p_chain AND seq = p_first;
  SELECT hash INTO head FROM access_log WHERE chain_id = p_chain AND seq = p_last;
  IF first_prev IS DISTINCT FROM expected_prev THEN
    RAISE EXCEPTION 'archive of chain %: entry % does not link to what was archived before', p_chain, p_first;
  END IF;
  IF head IS DISTINCT FROM p_head_hash THEN
    RAISE EXCEPTION 'archive of chain %: head hash at seq % differs from the archive file', p_chain, p_last;
  END IF;
  INSERT INTO access_log_archive (chain_id, first_seq, last_seq, prev_hash, head_hash, entries, cut, file, file_sha256)
    VALUES (p_chain, p_first, p_last, expected_prev, p_head_hash, p_last - p_first + 1, p_cut, p_file, p_file_sha256);
  PERFORM set_config('audit.archiving', 'on', true);
  DELETE FROM access_log WHERE chain_id = p_chain AND seq BETWEEN p_first AND p_last;
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('audit.archiving', 'off', true);
  IF n <> p_last - p_first + 1 THEN
    RAISE EXCEPTION 'archive of chain % would delete % rows, expected %', p_chain, n, p_last - p_first + 1;
  END IF;
  RETURN n;
END $$;
`,
    },
    {
      version: 2,
      name: 'database roles: the gateway may only INSERT and SELECT',
      sql: (kind) =>
        kind === 'embedded'
          ? 'SELECT 1;' // one process, one user: nothing to grant
          : `
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['${DB_ROLES.writer}', '${DB_ROLES.archiver}', '${DB_ROLES.reader}'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', r);
      EXCEPTION
        WHEN duplicate_object OR unique_violation THEN NULL;  -- another schema's migration made it
        WHEN insufficient_privilege THEN
          RAISE EXCEPTION 'role % does not exist and this role may not create it: create it once as a DBA (CREATE ROLE % NOLOGIN)', r, r;
      END;
    END IF;
  END LOOP;
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${DB_ROLES.writer}, ${DB_ROLES.archiver}, ${DB_ROLES.reader}', current_schema());
END $$;
REVOKE ALL ON access_log, access_log_chains, access_log_archive FROM PUBLIC;
GRANT SELECT, INSERT ON access_log, access_log_chains TO ${DB_ROLES.writer};
GRANT SELECT ON access_log_archive, schema_migrations TO ${DB_ROLES.writer};
GRANT SELECT ON access_log, access_log_chains, access_log_archive, schema_migrations TO ${DB_ROLES.reader}, ${DB_ROLES.archiver};
REVOKE ALL ON FUNCTION audit_archive_chain(text, bigint, bigint, text, timestamptz, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_archive_chain(text, bigint, bigint, text, timestamptz, text, text) TO ${DB_ROLES.archiver};
`,
    },
    {
      version: 3,
      name: 'entries say what was done (action) and in which canonical form they are hashed (format)',
      // Rows written before keep format 1 (hashed without an action) and read back as READ.
      sql: () => `
ALTER TABLE access_log ADD COLUMN action text NOT NULL DEFAULT 'READ' CHECK (action ~ '^[A-Z_]{1,40}$');
ALTER TABLE access_log ADD COLUMN format smallint NOT NULL DEFAULT 1 CHECK (format > 0);
CREATE INDEX access_log_action_idx ON access_log (action, at) WHERE action <> 'READ';
`,
    },
    {
      version: 4,
      name: 'format 3: one entry per person per request, the kinds read stored once per distinct list',
      // A family query read 33 kinds of evidence and wrote 33 entries; now it writes one per
      // person. What was read ([evidence, fields] pairs) repeats across millions of requests, so
      // it is stored once in access_log_reads under its SHA-256 and the entry carries the key;
      // the entry's hash covers the list itself, so a rewritten list breaks the chain.
      sql: (kind) => `
CREATE TABLE access_log_reads (
  key         text   PRIMARY KEY,
  reads       text   NOT NULL,
  evidence    text[] NOT NULL,
  departments text[] NOT NULL
);
CREATE TRIGGER access_log_reads_append_only BEFORE UPDATE OR DELETE ON access_log_reads
  FOR EACH ROW EXECUTE FUNCTION access_log_guard();
CREATE TRIGGER access_log_reads_no_truncate BEFORE TRUNCATE ON access_log_reads
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_guard();
ALTER TABLE access_log ADD COLUMN reads_key text;
ALTER TABLE access_log ADD CONSTRAINT access_log_reads_format CHECK ((format = 3) = (reads_key IS NOT NULL));
${
  kind === 'embedded'
    ? ''
    : `REVOKE ALL ON access_log_reads FROM PUBLIC;
GRANT SELECT, INSERT ON access_log_reads TO ${DB_ROLES.writer};
GRANT SELECT ON access_log_reads TO ${DB_ROLES.reader}, ${DB_ROLES.archiver};`
}
`,
    },
    {
      version: 10,
      name: 'signed checkpoints; archive rows carry the checkpoint at the cut; minimum retention enforced by the archive function',
      sql: (kind, schema) => `
-- one row per group commit: where the chain stood, signed by the gateway (src/audit/signing.ts)
CREATE TABLE access_log_checkpoints (
  chain_id   text        NOT NULL,
  seq        bigint      NOT NULL CHECK (seq > 0),
  hash       text        NOT NULL,
  at         timestamptz NOT NULL,
  key_id     text        NOT NULL,
  signature  text        NOT NULL,
  PRIMARY KEY (chain_id, seq)
);
CREATE TRIGGER access_log_checkpoints_append_only BEFORE UPDATE OR DELETE ON access_log_checkpoints
  FOR EACH ROW EXECUTE FUNCTION access_log_guard();
CREATE TRIGGER access_log_checkpoints_no_truncate BEFORE TRUNCATE ON access_log_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_guard();

ALTER TABLE access_log_archive ADD COLUMN checkpoint_at timestamptz;
ALTER TABLE access_log_archive ADD COLUMN checkpoint_key_id text;
ALTER TABLE access_log_archive ADD COLUMN checkpoint_signature text;

-- the minimum retention, in the database so that no caller of the archive function can shorten
-- it; only the schema owner may change it (UPDATE audit_retention SET min_days = ...)
CREATE TABLE audit_retention (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  min_days  integer NOT NULL CHECK (min_days >= 1)
);
INSERT INTO audit_retention (singleton, min_days) VALUES (true, 180);

CREATE OR REPLACE FUNCTION audit_archive_chain(
  p_chain text, p_first bigint, p_last bigint, p_head_hash text,
  p_cut timestamptz, p_file text, p_file_sha256 text
) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${schema}, pg_temp AS $$
DECLARE
  expected_first bigint;
  expected_prev  text;
  first_prev     text;
  head           text;
  newest         timestamptz;
  keep_days      integer;
  cp_at          timestamptz;
  cp_key         text;
  cp_sig         text;
  cp_hash        text;
  n              bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('access_log_archive:' || p_chain));
  SELECT min_days INTO keep_days FROM audit_retention;
  IF keep_days IS NULL THEN keep_days := 180; END IF;
  SELECT last_seq + 1, head_hash INTO expected_first, expected_prev
    FROM access_log_archive WHERE chain_id = p_chain ORDER BY last_seq DESC LIMIT 1;
  IF NOT FOUND THEN
    expected_first := 1;
    expected_prev := repeat('0', 64);
  END IF;
  IF p_first <> expected_first OR p_last < p_first THEN
    RAISE EXCEPTION 'archive of chain % must start at seq % (asked % to %)', p_chain, expected_first, p_first, p_last;
  END IF;
  -- whoever calls: nothing younger than the minimum retention leaves the table
  SELECT max(at) INTO newest FROM access_log WHERE chain_id = p_chain AND seq BETWEEN p_first AND p_last;
  IF newest IS NULL OR newest > now() - make_interval(days => keep_days) OR p_cut > now() - make_interval(days => keep_days) THEN
    RAISE EXCEPTION 'archive of chain % refused: entries younger than the minimum retention of % days', p_chain, keep_days
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT prev_hash INTO first_prev FROM access_log WHERE chain_id = p_chain AND seq = p_first;
  SELECT hash INTO head FROM access_log WHERE chain_id = p_chain AND seq = p_last;
  IF first_prev IS DISTINCT FROM expected_prev THEN
    RAISE EXCEPTION 'archive of chain %: entry % does not link to what was archived before', p_chain, p_first;
  END IF;
  IF head IS DISTINCT FROM p_head_hash THEN
    RAISE EXCEPTION 'archive of chain %: head hash at seq % differs from the archive file', p_chain, p_last;
  END IF;
  -- the signed checkpoint at the cut goes into the archive row (a chain written before
  -- signing has none at all, and is archived without)
  SELECT c.at, c.key_id, c.signature, c.hash INTO cp_at, cp_key, cp_sig, cp_hash
    FROM access_log_checkpoints c WHERE c.chain_id = p_chain AND c.seq = p_last;
  IF cp_hash IS NULL AND EXISTS (SELECT 1 FROM access_log_checkpoints c WHERE c.chain_id = p_chain) THEN
    RAISE EXCEPTION 'archive of chain %: no signed checkpoint at seq %; a cut ends at a checkpoint', p_chain, p_last;
  END IF;
  IF cp_hash IS NOT NULL AND cp_hash <> p_head_hash THEN
    RAISE EXCEPTION 'archive of chain %: the signed checkpoint at seq % names another hash', p_chain, p_last;
  END IF;
  INSERT INTO access_log_archive (chain_id, first_seq, last_seq, prev_hash, head_hash, entries, cut, file, file_sha256,
                                  checkpoint_at, checkpoint_key_id, checkpoint_signature)
    VALUES (p_chain, p_first, p_last, expected_prev, p_head_hash, p_last - p_first + 1, p_cut, p_file, p_file_sha256,
            cp_at, cp_key, cp_sig);
  PERFORM set_config('audit.archiving', 'on', true);
  DELETE FROM access_log WHERE chain_id = p_chain AND seq BETWEEN p_first AND p_last;
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('audit.archiving', 'off', true);
  IF n <> p_last - p_first + 1 THEN
    RAISE EXCEPTION 'archive of chain % would delete % rows, expected %', p_chain, n, p_last - p_first + 1;
  END IF;
  RETURN n;
END $$;
${
  kind === 'embedded'
    ? ''
    : `
REVOKE ALL ON access_log_checkpoints, audit_retention FROM PUBLIC;
GRANT SELECT, INSERT ON access_log_checkpoints TO ${DB_ROLES.writer};
GRANT SELECT ON access_log_checkpoints, audit_retention TO ${DB_ROLES.writer}, ${DB_ROLES.reader}, ${DB_ROLES.archiver};
`
}`,
    },
  ],
};
