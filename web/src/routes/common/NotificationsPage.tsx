import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Paragraph } from 'suomifi-ui-components';
import { api, unwrap } from '../../api/client';
import type { Notification } from '../../api/types';
import { useNotifications } from '../../components/Layout';
import { PageHeading } from '../../components/PageHeading';
import { formatDateTime } from '../../format';
import { useLang } from '../../lang';

export function NotificationsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const queries = useQueryClient();
  const list = useNotifications(true);
  const markRead = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: (_data, id) => {
      queries.setQueryData<Notification[]>(['notifications'], (old) =>
        old?.map((n) => (n.id === id ? { ...n, readAt: new Date().toISOString() } : n)),
      );
    },
  });
  const items = list.data ?? [];
  const unread = items.filter((n) => n.readAt === null).length;
  return (
    <>
      <PageHeading title={t('notifications.title')}>{t('notifications.title')}</PageHeading>
      {items.length > 0 && (
        <Paragraph className="lead">{unread > 0 ? t('notifications.unread', { count: unread }) : t('notifications.allRead')}</Paragraph>
      )}
      {list.isPending && <p>{t('common.loading')}</p>}
      {list.isSuccess && items.length === 0 && <p>{t('notifications.none')}</p>}
      <ul className="card-list">
        {items.map((n) => (
          <li key={n.id} className={n.readAt ? 'card' : 'card card-unread'}>
            <h2 className="card-title">
              {n.readAt === null && <span className="status-tag status-unread">{t('notifications.new')}</span>} {n.subject}
            </h2>
            <p className="meta">{formatDateTime(n.createdAt, lang)}</p>
            <p className="notification-body">{n.body}</p>
            {n.readAt === null && (
              <Button
                variant="secondary"
                onClick={() => markRead.mutate(n.id)}
                aria-label={t('notifications.markReadNamed', { subject: n.subject })}
              >
                {t('notifications.markRead')}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
