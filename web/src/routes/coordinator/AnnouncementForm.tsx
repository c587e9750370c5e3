import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, InlineAlert, Textarea, TextInput } from 'suomifi-ui-components';
import { ApiError, api, unwrap } from '../../api/client';

type Field = 'subject' | 'body';

/** An announcement to every organisation of every project of the call (POST /api/calls/:id/announcements). */
export function AnnouncementForm({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const send = useMutation({
    mutationFn: () => unwrap(api.POST('/api/calls/{id}/announcements', { params: { path: { id: callId } }, body: { subject, body } })),
    onSuccess: () => {
      setSubject('');
      setBody('');
    },
    onError: (e) => {
      if (!(e instanceof ApiError)) return;
      const fromApi: Partial<Record<Field, string>> = {};
      for (const fe of e.problem.errors ?? []) if (fe.field === 'subject' || fe.field === 'body') fromApi[fe.field] = fe.message;
      setErrors(fromApi);
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Partial<Record<Field, string>> = {};
    if (!subject.trim()) missing.subject = t('coordinator.announce.subjectMissing');
    if (!body.trim()) missing.body = t('coordinator.announce.bodyMissing');
    setErrors(missing);
    if (Object.keys(missing).length > 0) {
      document.getElementById(missing.subject ? 'announcement-subject' : 'announcement-body')?.focus();
      return;
    }
    send.mutate();
  }

  const failed = send.isError && !(send.error instanceof ApiError && (send.error.problem.errors ?? []).length > 0);
  return (
    <section aria-labelledby="announce-heading" className="section">
      <Heading variant="h2" id="announce-heading">
        {t('coordinator.announce.title')}
      </Heading>
      <p>{t('coordinator.announce.intro')}</p>
      <form className="announcement-form" onSubmit={submit} noValidate>
        <TextInput
          id="announcement-subject"
          labelText={t('coordinator.announce.subject')}
          value={subject}
          onChange={(v) => setSubject(String(v ?? ''))}
          status={errors.subject ? 'error' : 'default'}
          statusText={errors.subject}
          maxLength={300}
          fullWidth
        />
        <Textarea
          id="announcement-body"
          labelText={t('coordinator.announce.body')}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          status={errors.body ? 'error' : 'default'}
          statusText={errors.body}
          rows={6}
          fullWidth
        />
        <div>
          <Button type="submit" disabled={send.isPending}>
            {send.isPending ? t('coordinator.announce.sending') : t('coordinator.announce.send')}
          </Button>
        </div>
      </form>
      <div aria-live="polite">
        {send.isSuccess && (
          <InlineAlert status="neutral">
            {t('coordinator.announce.sent', { subject: send.data.subject, count: send.data.recipients })}
          </InlineAlert>
        )}
      </div>
      {failed && (
        <InlineAlert status="error" role="alert">
          {send.error instanceof ApiError ? (send.error.problem.detail ?? send.error.message) : t('errors.network')}
        </InlineAlert>
      )}
    </section>
  );
}
