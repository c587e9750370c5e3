import { EntityManager } from 'typeorm';
import type { Language } from '../identity/organization.entity';
import type { Message } from './templates';

export interface OutboxEntry {
  recipient: { userId: string } | { organizationId: string };
  kind: string;
  language: Language;
  message: Message;
  /** Makes the notification happen once however often the cause runs (jobs that run twice). */
  dedupeKey?: string;
}

/**
 * Writes notifications with the transaction's own manager, so they exist exactly when the change
 * that causes them does. Returns the ids actually written (a repeated dedupe key writes nothing);
 * the caller queues their delivery after commit.
 */
export async function enqueueNotifications(manager: EntityManager, entries: OutboxEntry[]): Promise<string[]> {
  if (entries.length === 0) return [];
  const rows: { id: string }[] = await manager.query(
    `INSERT INTO notifications (recipient_user_id, recipient_organization_id, kind, subject, body, language, dedupe_key)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [
      entries.map((e) => ('userId' in e.recipient ? e.recipient.userId : null)),
      entries.map((e) => ('organizationId' in e.recipient ? e.recipient.organizationId : null)),
      entries.map((e) => e.kind),
      entries.map((e) => e.message.subject),
      entries.map((e) => e.message.body),
      entries.map((e) => e.language),
      entries.map((e) => e.dedupeKey ?? null),
    ],
  );
  return rows.map((r) => r.id);
}
