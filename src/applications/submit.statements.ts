import { deadlineLockArgs } from '../calls/deadline-lock';
import { statement } from '../database/statements';

/**
 * The SQL of a submit, kept apart so that the benchmark's SQL baseline (bench/baseline.ts) runs
 * exactly these statements. A submit is two statements and no explicit transaction, and both
 * take a batch of submits (group commit, see database/batcher.ts; on a quiet system a batch is
 * one submit):
 *
 * 1. SUBMIT_READ, without locks: the application, its call and lead organisation, whether the
 *    caller may see it, and the database clock (the instant the submit was received). The
 *    submit rules then run in TypeScript on what it returned.
 * 2. SUBMIT_WRITE, one atomic statement: the calls' deadline locks, shared (see deadline-lock.ts:
 *    the closing job takes its call's exclusively, so each waits for the other), the deadline
 *    check by the database clock *after* those locks, then the UPDATE — only if the application
 *    is still at the version and status that were read and checked — and the submitted version,
 *    the audit event and the notification in the outbox. Either all of a submit is written or
 *    none; when nothing was written the service reads again to tell "the call has closed" from
 *    "it changed meanwhile" (and then tries again).
 *
 * A closing job moves every draft and submitted application on, so even a submit that somehow
 * passed the clock check after closing would find its application's status changed and write
 * nothing.
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

/** The columns of CHANGE_SELECT, with the caller's organisation and user id as `org` and `user`. */
function changeColumns(org: string, user: string): string {
  return `a.*, ${MEMBER_IDS},
       t.now_at, t.now_at >= c.closes_at OR c.closed_at IS NOT NULL AS call_closed, t.now_at < c.opens_at AS call_not_yet_open,
       c.title AS call_title, c.timezone AS call_timezone, c.eligible_kinds, c.min_self_financing_percent,
       (SELECT json_agg(json_build_object('key', k.key, 'maxAmount', k.max_amount)) FROM call_categories k WHERE k.call_id = c.id) AS call_categories,
       o.kind AS lead_kind, o.language AS lead_language,
       ${visibleTo(org, user)} AS visible`;
}

const CHANGE_JOINS = `JOIN calls c ON c.id = a.call_id
  JOIN organizations o ON o.id = a.lead_organization_id
  CROSS JOIN (SELECT clock_timestamp() AS now_at OFFSET 0) t`;

/** What a change to an application needs to know; `FOR UPDATE OF a` is appended where it locks. */
export const CHANGE_SELECT = `SELECT ${changeColumns('$2', '$3')}
  FROM applications a
  ${CHANGE_JOINS}
 WHERE a.id = $1`;

/**
 * CHANGE_SELECT for a batch of submits (see database/batcher.ts), without locks: $1 application
 * ids, $2 the callers' organisation ids, $3 the callers' user ids, one element per submit. A row
 * per application found, with the submit's position as `i`.
 */
export const SUBMIT_READ = statement(
  'application_submit_read',
  `SELECT r.i::int AS i, ${changeColumns('r.org', 'r.usr')}
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) WITH ORDINALITY AS r(id, org, usr, i)
     JOIN applications a ON a.id = r.id
     ${CHANGE_JOINS}`,
);

/**
 * The write of a batch of submits, one element per submit in each parameter: $1 application id,
 * $2 call id, $3 version read, $4 status read, $5 submitted at (the read's clock), $6 version
 * content (json text), $7 actor id, $8 audit action, $9 audit before, $10 audit after, $11 lead
 * organisation id, $12 subject, $13 body, $14 language, $15 dedupe key. Returns a row, with the
 * submit's position as `i`, for each submit written; a submit without one was not written at all.
 *
 * Every call's deadline lock is taken, in call order, before anything else: `open_` counts the
 * locks of `g` before it reads the clock, and the UPDATE (which locks the rows) joins `open_`.
 * Each submit is then on its own: it is written only if its call is open by the clock read after
 * the locks and its application is still at the version and status read, and its version, audit
 * event and notification go with it. The batcher never puts one application twice in a batch.
 * A re-submit of the version already submitted keeps its submittedAt (ties in the ranking go to
 * the earlier submission, which an unchanged re-submit must not lose); RETURNING gives the
 * submittedAt that holds.
 */
export const SUBMIT_WRITE = statement(
  'application_submit_write',
  `WITH r AS MATERIALIZED (
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::timestamptz[], $6::text[], $7::uuid[], $8::text[],
                          $9::text[], $10::text[], $11::uuid[], $12::text[], $13::text[], $14::text[], $15::text[])
       WITH ORDINALITY AS r(id, call_id, version, status, submitted_at, content, actor_id, action, before_, after_,
                            org_id, subject, body, language, dedupe_key, i)
   ), g AS MATERIALIZED (
     SELECT count(pg_advisory_xact_lock_shared(${deadlineLockArgs('x.call_id')})) AS locks
       FROM (SELECT DISTINCT call_id FROM r ORDER BY call_id) x
   ), open_ AS MATERIALIZED (
     SELECT c.id FROM (SELECT clock_timestamp() AS at FROM g OFFSET 0) t, calls c
      WHERE c.id IN (SELECT call_id FROM r) AND c.closed_at IS NULL AND t.at < c.closes_at
   ), u AS (
     UPDATE applications a
        SET status = 'submitted',
            submitted_at = CASE WHEN a.status = 'submitted' AND a.submitted_version = a.version THEN a.submitted_at ELSE r.submitted_at END,
            first_submitted_at = coalesce(a.first_submitted_at, r.submitted_at),
            submitted_version = a.version, has_unsubmitted_changes = false, updated_at = now()
       FROM r JOIN open_ ON open_.id = r.call_id
      WHERE a.id = r.id AND a.call_id = r.call_id AND a.version = r.version AND a.status = r.status
     RETURNING r.i, a.id, a.version, a.first_submitted_at, a.updated_at, a.submitted_at, r.content, r.actor_id, r.action, r.before_,
               r.after_, r.org_id, r.subject, r.body, r.language, r.dedupe_key
   ), v AS (
     INSERT INTO application_versions (application_id, version, content, submitted_at, submitted_by)
     SELECT u.id, u.version, u.content::jsonb, u.submitted_at, u.actor_id FROM u
     ON CONFLICT (application_id, version) DO UPDATE SET submitted_at = EXCLUDED.submitted_at, submitted_by = EXCLUDED.submitted_by
   ), e AS (
     INSERT INTO audit_events (actor_id, action, entity, entity_id, before, after)
     SELECT u.actor_id, u.action, 'application', u.id, u.before_::jsonb, u.after_::jsonb FROM u
   ), n AS (
     INSERT INTO notifications (recipient_organization_id, kind, subject, body, language, dedupe_key)
     SELECT u.org_id, 'application_submitted', u.subject, u.body, u.language, u.dedupe_key FROM u
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING dedupe_key
   )
   SELECT u.i::int AS i, u.first_submitted_at, u.submitted_at, u.updated_at, EXISTS (SELECT 1 FROM n WHERE n.dedupe_key = u.dedupe_key) AS notified
     FROM u`,
);
