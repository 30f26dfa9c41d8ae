import nodemailer from 'nodemailer';
import type { EmailConfig } from '../platform/config.js';

/** One plain-text e-mail. */
export interface Mail {
  to: string[];
  subject: string;
  text: string;
}

/** Sends e-mail; resolves once the SMTP server accepted the message for every recipient. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/**
 * A nodemailer SMTP transport from the configured URL. Timeouts are short: an alert that cannot be
 * handed over within a minute is retried by the next job run rather than holding the job up.
 */
export function createMailer(config: EmailConfig): Mailer {
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: config.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
      });
      if (info.accepted.length === 0) {
        throw new Error(`the SMTP server accepted none of the recipients (${mail.to.join(', ')})`);
      }
    },
    close() {
      transport.close();
    },
  };
}
