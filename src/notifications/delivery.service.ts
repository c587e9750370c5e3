import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MailTransport } from './mail.transport';

export type DeliveryResult = 'sent' | 'already-done' | 'missing';

/**
 * Delivers one notification by e-mail: to its user, or to every user of its organisation. Holds a
 * row lock while sending so two workers never send the same one; marks it sent in the same
 * transaction. A failure leaves it pending with the error recorded, for the next attempt.
 */
@Injectable()
export class DeliveryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailTransport,
  ) {}

  async deliver(notificationId: string): Promise<DeliveryResult> {
    try {
      return await this.db.transaction(async (m) => {
        const [n] = await m.query(
          `SELECT id, recipient_user_id, recipient_organization_id, subject, body, status
             FROM notifications WHERE id = $1 FOR UPDATE SKIP LOCKED`,
          [notificationId],
        );
        if (!n) return 'missing';
        if (n.status !== 'pending') return 'already-done';
        const recipients: { email: string }[] = await m.query(
          n.recipient_user_id
            ? 'SELECT email FROM users WHERE id = $1'
            : 'SELECT email FROM users WHERE organization_id = $1 ORDER BY email',
          [n.recipient_user_id ?? n.recipient_organization_id],
        );
        await this.mail.send({ to: recipients.map((r) => r.email), subject: n.subject, text: n.body });
        await m.query(
          `UPDATE notifications SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`,
          [n.id],
        );
        return 'sent';
      });
    } catch (e) {
      await this.db
        .query(`UPDATE notifications SET attempts = attempts + 1, last_error = $2 WHERE id = $1 AND status = 'pending'`, [
          notificationId,
          String((e as Error).message).slice(0, 1000),
        ])
        .catch(() => undefined);
      throw e;
    }
  }
}
