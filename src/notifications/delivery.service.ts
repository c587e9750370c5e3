import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MailTransport } from './mail.transport';

/** Notifications taken from the outbox per transaction. */
export const DELIVERY_BATCH = 100;

/** Failures in a row after which a run stops: the mail server is away, not one message bad. */
const FAILURES_TO_STOP = 3;

export interface DeliveryResult {
  sent: number;
}

interface Pending {
  id: string;
  subject: string;
  body: string;
  emails: string[];
}

interface BatchOutcome {
  taken: number;
  sent: number;
  failed: number;
  /** The last failure, when the batch stopped on failures in a row. */
  stoppedBy?: Error;
}

/**
 * Delivers the outbox by e-mail: each notification to its user, or to every user of its
 * organisation. A batch is taken least-tried first with FOR UPDATE SKIP LOCKED, so workers
 * running side by side never send the same one, and is marked sent in the same transaction that
 * holds those locks. A notification that fails keeps its error and stays pending; a run that
 * meets failures goes on past them (one bad message holds up nothing) but stops after a few in a
 * row (the mail server is down), and then fails, so the job is retried later, and after its
 * retries the reconciler asks again.
 */
@Injectable()
export class DeliveryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailTransport,
  ) {}

  async deliverPending(): Promise<DeliveryResult> {
    let sent = 0;
    let failed = 0;
    for (;;) {
      const batch = await this.deliverBatch();
      sent += batch.sent;
      failed += batch.failed;
      if (batch.stoppedBy) throw batch.stoppedBy;
      // Failed ones are still pending and would be taken again: end the run after a batch with failures.
      if (batch.taken < DELIVERY_BATCH || batch.failed > 0) break;
    }
    if (failed > 0) throw new Error(`${failed} notification(s) could not be sent (${sent} were); they stay pending`);
    return { sent };
  }

  private deliverBatch(): Promise<BatchOutcome> {
    return this.db.transaction(async (m) => {
      const pending: Pending[] = await m.query(
        `SELECT n.id, n.subject, n.body,
                coalesce((SELECT array_agg(r.email ORDER BY r.email)
                            FROM (SELECT u.email FROM users u WHERE u.id = n.recipient_user_id
                                  UNION ALL
                                  SELECT u.email FROM users u
                                   WHERE n.recipient_user_id IS NULL AND u.organization_id = n.recipient_organization_id) r), '{}') AS emails
           FROM notifications n
          WHERE n.status = 'pending'
          ORDER BY n.attempts, n.created_at
          LIMIT $1
            FOR UPDATE OF n SKIP LOCKED`,
        [DELIVERY_BATCH],
      );
      const sent: string[] = [];
      let failed = 0;
      let inARow = 0;
      let stoppedBy: Error | undefined;
      for (const n of pending) {
        try {
          await this.mail.send({ id: n.id, to: n.emails, subject: n.subject, text: n.body });
          sent.push(n.id);
          inARow = 0;
        } catch (e) {
          failed += 1;
          await m.query(`UPDATE notifications SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [
            n.id,
            String((e as Error).message).slice(0, 1000),
          ]);
          if (++inARow >= FAILURES_TO_STOP) {
            stoppedBy = e as Error;
            break;
          }
        }
      }
      if (sent.length > 0) {
        await m.query(
          `UPDATE notifications SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::uuid[])`,
          [sent],
        );
      }
      return { taken: pending.length, sent: sent.length, failed, stoppedBy };
    });
  }
}
