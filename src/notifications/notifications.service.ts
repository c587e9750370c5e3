import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../common/auth';
import { Problem } from '../common/problem';
import { NotificationView } from './notification.dto';

@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The caller's own notifications: addressed to them or to their organisation, newest first. */
  async list(actor: Actor, limit: number, offset: number): Promise<NotificationView[]> {
    const rows = await this.db.query(
      `SELECT id, kind, subject, body, created_at, read_at, status FROM notifications
        WHERE recipient_user_id = $1 OR recipient_organization_id = $2
        ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
      [actor.id, actor.organizationId, limit, offset],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id,
      kind: r.kind,
      subject: r.subject,
      body: r.body,
      createdAt: r.created_at,
      readAt: r.read_at,
      deliveryStatus: r.status,
    })) as NotificationView[];
  }

  async markRead(actor: Actor, id: string): Promise<void> {
    const result = await this.db.query(
      `UPDATE notifications SET read_at = coalesce(read_at, now())
        WHERE id = $1 AND (recipient_user_id = $2 OR recipient_organization_id = $3) RETURNING id`,
      [id, actor.id, actor.organizationId],
    );
    if (result[0].length === 0) throw Problem.notFound('Notification');
  }
}
