import nodemailer from 'nodemailer';

export type Email = { to: string; replyTo?: string | null; subject: string; text: string };

/** Sends one email or throws; the outbox decides what to do about a failure. */
export type Mailer = { send(email: Email): Promise<void>; close(): void };

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(email) {
      await transport.sendMail({
        from,
        to: email.to,
        replyTo: email.replyTo ?? undefined,
        subject: email.subject,
        text: email.text,
      });
    },
    close: () => transport.close(),
  };
}
