import { Injectable, Logger } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { Env } from '../config/env.schema';

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
}

/**
 * Sends e-mail through SMTP_URL, or, when it is unset, writes each message to the log so a
 * development machine needs no mail server.
 */
@Injectable()
export class MailTransport {
  private readonly logger = new Logger('Mail');
  private readonly transporter: Transporter;
  private readonly logOnly: boolean;

  constructor(private readonly env: Env) {
    this.logOnly = !env.SMTP_URL;
    this.transporter = env.SMTP_URL
      ? createTransport({ url: env.SMTP_URL, connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000 })
      : createTransport({ jsonTransport: true });
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (mail.to.length === 0) return;
    const info = await this.transporter.sendMail({ from: this.env.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
    if (this.logOnly)
      this.logger.log(
        { mail: { to: mail.to, subject: mail.subject, text: mail.text }, messageId: info.messageId },
        'E-mail (log transport)',
      );
  }
}
