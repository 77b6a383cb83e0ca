// The auditor console's sign-in sessions, kept server-side in the gateway's database so that
// any replica can serve a signed-in auditor and signing out ends the session everywhere. The
// browser holds only a random id (an httpOnly, SameSite=Strict cookie); the table holds its
// SHA-256, so a copy of the table cannot be replayed as a cookie.
import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from '../db/index';
import type { MigrationSet } from '../db/migrate';
import type { Role } from './viewer';

/** Sessions end after this long without a request ... */
export const SESSION_IDLE_MS = 30 * 60_000;
/** ... and this long after sign-in, whatever happens. */
export const SESSION_MAX_MS = 8 * 3600_000;
/** An OpenID Connect sign-in must come back within this long. */
export const SIGN_IN_TTL_MS = 10 * 60_000;
/** last_seen_at is written at most this often (a page load is not a database write). */
const TOUCH_EVERY_MS = 60_000;

export interface ConsoleSession {
  subject: string;
  role: Role;
  county: string | null;
  /** the name the identity platform gave, shown in the header; may be null */
  displayName: string | null;
  /** bound to the session: every state-changing form posts it back */
  csrf: string;
  via: 'oidc' | 'development';
  createdAt: number;
  lastSeenAt: number;
}

/** What an OpenID Connect sign-in in flight keeps until the identity platform sends the browser back. */
export interface PendingSignIn {
  codeVerifier: string;
  nonce: string;
}

/** The 'console' component of the database's migrations (src/db/migrate.ts). */
export const CONSOLE_MIGRATIONS: MigrationSet = {
  component: 'console',
  migrations: [
    {
      version: 1,
      name: 'console sessions and sign-ins in flight',
      sql: () => `
        CREATE TABLE IF NOT EXISTS console_session (
          id_hash      TEXT PRIMARY KEY,
          subject      TEXT        NOT NULL,
          role         TEXT        NOT NULL,
          county       TEXT,
          display_name TEXT,
          csrf         TEXT        NOT NULL,
          via          TEXT        NOT NULL,
          created_at   TIMESTAMPTZ NOT NULL,
          last_seen_at TIMESTAMPTZ NOT NULL,
          expires_at   TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX IF NOT EXISTS console_session_expiry ON console_session (expires_at);
        CREATE TABLE IF NOT EXISTS console_sign_in (
          state_hash    TEXT PRIMARY KEY,
          code_verifier TEXT        NOT NULL,
          nonce         TEXT        NOT NULL,
          expires_at    TIMESTAMPTZ NOT NULL
        );
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'enrollment_gateway_writer') THEN
            GRANT SELECT, INSERT, UPDATE, DELETE ON console_session, console_sign_in TO enrollment_gateway_writer;
          END IF;
        END $$;
      `,
    },
  ],
};

export interface ConsoleSessionStore {
  /** a new session; returns the cookie value (never stored) and the session */
  create(s: Omit<ConsoleSession, 'csrf' | 'createdAt' | 'lastSeenAt'>): Promise<{ id: string; session: ConsoleSession }>;
  /** the live session for a cookie value, or null (unknown, idle too long, or past its maximum age) */
  get(id: string): Promise<ConsoleSession | null>;
  end(id: string): Promise<void>;
  /** remembers a sign-in in flight under its state; returns the state to send */
  beginSignIn(pending: PendingSignIn): Promise<string>;
  /** the sign-in for this state, once: a replayed callback finds nothing */
  takeSignIn(state: string): Promise<PendingSignIn | null>;
}

const digest = (v: string) => createHash('sha256').update(v, 'utf8').digest('hex');
const token = () => randomBytes(32).toString('base64url');
/** Cookie values we issue: 43 base64url characters; anything else is not looked up. */
const ID_SHAPE = /^[A-Za-z0-9_-]{43}$/;

interface Row {
  subject: string;
  role: Role;
  county: string | null;
  display_name: string | null;
  csrf: string;
  via: 'oidc' | 'development';
  created_ms: string;
  last_seen_ms: string;
}

export function createConsoleSessionStore(sql: Sql, now: () => number = Date.now): ConsoleSessionStore {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    async create(s) {
      const id = token();
      const at = now();
      const session: ConsoleSession = { ...s, csrf: token(), createdAt: at, lastSeenAt: at };
      // sign-in is rare: a good moment to forget what has expired
      await sql.query('DELETE FROM console_session WHERE expires_at < $1::timestamptz', [iso(at)]);
      await sql.query(
        `INSERT INTO console_session (id_hash, subject, role, county, display_name, csrf, via, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $8::timestamptz, $9::timestamptz)`,
        [digest(id), s.subject, s.role, s.county, s.displayName, session.csrf, s.via, iso(at), iso(at + SESSION_MAX_MS)],
      );
      return { id, session };
    },
    async get(id) {
      if (!ID_SHAPE.test(id)) return null;
      const { rows } = await sql.query<Row>(
        `SELECT subject, role, county, display_name, csrf, via,
                (extract(epoch FROM created_at) * 1000)::bigint::text AS created_ms,
                (extract(epoch FROM last_seen_at) * 1000)::bigint::text AS last_seen_ms
           FROM console_session WHERE id_hash = $1 AND expires_at > $2::timestamptz`,
        [digest(id), iso(now())],
      );
      const r = rows[0];
      if (!r) return null;
      const at = now();
      const lastSeenAt = Number(r.last_seen_ms);
      if (at - lastSeenAt > SESSION_IDLE_MS) {
        await sql.query('DELETE FROM console_session WHERE id_hash = $1', [digest(id)]);
        return null;
      }
      if (at - lastSeenAt > TOUCH_EVERY_MS)
        await sql.query('UPDATE console_session SET last_seen_at = $2::timestamptz WHERE id_hash = $1', [digest(id), iso(at)]);
      return {
        subject: r.subject,
        role: r.role,
        county: r.county,
        displayName: r.display_name,
        csrf: r.csrf,
        via: r.via,
        createdAt: Number(r.created_ms),
        lastSeenAt: at,
      };
    },
    async end(id) {
      if (ID_SHAPE.test(id)) await sql.query('DELETE FROM console_session WHERE id_hash = $1', [digest(id)]);
    },
    async beginSignIn(pending) {
      const state = token();
      const at = now();
      await sql.query('DELETE FROM console_sign_in WHERE expires_at < $1::timestamptz', [iso(at)]);
      await sql.query('INSERT INTO console_sign_in (state_hash, code_verifier, nonce, expires_at) VALUES ($1, $2, $3, $4::timestamptz)', [
        digest(state),
        pending.codeVerifier,
        pending.nonce,
        iso(at + SIGN_IN_TTL_MS),
      ]);
      return state;
    },
    async takeSignIn(state) {
      if (!ID_SHAPE.test(state)) return null;
      const { rows } = await sql.query<{ code_verifier: string; nonce: string }>(
        'DELETE FROM console_sign_in WHERE state_hash = $1 AND expires_at > $2::timestamptz RETURNING code_verifier, nonce',
        [digest(state), iso(now())],
      );
      const r = rows[0];
      return r ? { codeVerifier: r.code_verifier, nonce: r.nonce } : null;
    },
  };
}
