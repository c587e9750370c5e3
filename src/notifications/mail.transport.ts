import { Injectable, Logger } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { Env } from '../config/env.schema';

export interface OutgoingMail {
  /** The notification's id: the message's Message-ID and X-Avustus-Notification, so a resend is recognisably the same message. */
  id: string;
  to: string[];
  subject: string;
  text: string;
}

/**
 * Sends e-mail through SMTP_URL, or, when it is unset, writes each message to the log so a
 * development machine needs no mail server (nodemailer is then not involved at all: composing a
 * message it would not send cost the worker more than the rest of a delivery).
 */
@Injectable()
export class MailTransport {
  private readonly logger = new Logger('Mail');
  private readonly transporter?: Transporter;

  constructor(private readonly env: Env) {
    if (env.SMTP_URL)
      this.transporter = createTransport({ url: env.SMTP_URL, connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000 });
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (mail.to.length === 0) return;
    if (!this.transporter) {
      this.logger.log(
        { mail: { id: mail.id, from: this.env.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text } },
        'E-mail (log transport)',
      );
      return;
    }
    await this.transporter.sendMail({
      from: this.env.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: `<${mail.id}@avustus>`,
      headers: { 'X-Avustus-Notification': mail.id },
    });
  }
}
