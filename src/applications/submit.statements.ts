import { deadlineLockArgs } from '../calls/deadline-lock';
import { statement } from '../database/statements';

/**
 * The SQL of a submit, kept apart so that the benchmark's SQL baseline (bench/baseline.ts) runs
 * exactly these statements. A submit is two statements and no explicit transaction:
 *
 * 1. SUBMIT_READ, without locks: the application, its call and lead organisation, whether the
 *    caller may see it, and the database clock (the instant the submit was received). The
 *    submit rules then run in TypeScript on what it returned.
 * 2. SUBMIT_WRITE, one atomic statement: the call's deadline lock, shared (see deadline-lock.ts:
 *    the closing job takes it exclusively, so each waits for the other), the deadline check by
 *    the database clock *after* that lock, then the UPDATE — only if the application is still at
 *    the version and status that were read and checked — and the submitted version, the audit
 *    event and the notification in the outbox. Either all of it is written or none; when nothing
 *    was written the service reads again to tell "the call has closed" from "it changed
 *    meanwhile" (and then tries again).
 *
 * The clock is read from `c`, which joins the lock `g`, so only once the lock is held; the
 * application row is locked by the UPDATE, which joins `open_`, so only after that. A closing
 * job moves every draft and submitted application on, so even a submit that somehow passed the
 * clock check after closing would find its application's status changed and write nothing.
 */

/** The member organisations of application `a`, in id order, as the column `member_ids`. */
export const MEMBER_IDS = `coalesce((SELECT array_agg(x.organization_id ORDER BY x.organization_id)
                    FROM application_members x WHERE x.application_id = a.id), '{}') AS member_ids`;

/** Who may read application `a`: users of its lead or member organisations and its assigned reviewers (admins are let in by the caller). */
export function visibleTo(orgParam: string, userParam: string): string {
  return `(a.lead_organization_id = ${orgParam}
    OR EXISTS (SELECT 1 FROM application_members vm WHERE vm.application_id = a.id AND vm.organization_id = ${orgParam})
    OR EXISTS (SELECT 1 FROM review_assignments va WHERE va.application_id = a.id AND va.reviewer_id = ${userParam}))`;
}

/** What a change to an application needs to know; `FOR UPDATE OF a` is appended where it locks. */
export const CHANGE_SELECT = `SELECT a.*, ${MEMBER_IDS},
       t.now_at, t.now_at >= c.closes_at OR c.closed_at IS NOT NULL AS call_closed, t.now_at < c.opens_at AS call_not_yet_open,
       c.title AS call_title, c.timezone AS call_timezone, c.eligible_kinds, c.min_self_financing_percent,
       (SELECT json_agg(json_build_object('key', k.key, 'maxAmount', k.max_amount)) FROM call_categories k WHERE k.call_id = c.id) AS call_categories,
       o.kind AS lead_kind, o.language AS lead_language,
       ${visibleTo('$2', '$3')} AS visible
  FROM applications a
  JOIN calls c ON c.id = a.call_id
  JOIN organizations o ON o.id = a.lead_organization_id
  CROSS JOIN (SELECT clock_timestamp() AS now_at OFFSET 0) t
 WHERE a.id = $1`;

/** $1 application id, $2 caller's organisation id, $3 caller's user id. */
export const SUBMIT_READ = statement('application_submit_read', CHANGE_SELECT);

/**
 * $1 application id, $2 call id, $3 version read, $4 status read, $5 submitted at (the read's
 * clock), $6 version content (jsonb), $7 actor id, $8 audit action, $9 audit before, $10 audit
 * after, $11 lead organisation id, $12 subject, $13 body, $14 language, $15 dedupe key.
 * Returns one row when the submit was written, none when not.
 */
export const SUBMIT_WRITE = statement(
  'application_submit_write',
  `WITH g AS MATERIALIZED (
     SELECT pg_advisory_xact_lock_shared(${deadlineLockArgs('$2')}) AS locked
   ), c AS MATERIALIZED (
     SELECT c.closes_at FROM g, calls c WHERE c.id = $2::uuid AND c.closed_at IS NULL
   ), open_ AS MATERIALIZED (
     SELECT t.at FROM (SELECT clock_timestamp() AS at, c.closes_at FROM c OFFSET 0) t WHERE t.at < t.closes_at
   ), u AS (
     UPDATE applications a
        SET status = 'submitted', submitted_at = $5::timestamptz, first_submitted_at = coalesce(a.first_submitted_at, $5::timestamptz),
            submitted_version = a.version, has_unsubmitted_changes = false, updated_at = now()
       FROM open_
      WHERE a.id = $1::uuid AND a.call_id = $2::uuid AND a.version = $3::int AND a.status = $4::text
     RETURNING a.id, a.version, a.first_submitted_at, a.updated_at
   ), v AS (
     INSERT INTO application_versions (application_id, version, content, submitted_at, submitted_by)
     SELECT u.id, u.version, $6::jsonb, $5::timestamptz, $7::uuid FROM u
     ON CONFLICT (application_id, version) DO UPDATE SET submitted_at = EXCLUDED.submitted_at, submitted_by = EXCLUDED.submitted_by
   ), e AS (
     INSERT INTO audit_events (actor_id, action, entity, entity_id, before, after)
     SELECT $7::uuid, $8::text, 'application', u.id, $9::jsonb, $10::jsonb FROM u
   ), n AS (
     INSERT INTO notifications (recipient_organization_id, kind, subject, body, language, dedupe_key)
     SELECT $11::uuid, 'application_submitted', $12::text, $13::text, $14::text, $15::text FROM u
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id
   )
   SELECT u.first_submitted_at, u.updated_at, (SELECT count(*)::int FROM n) AS notified FROM u`,
);
