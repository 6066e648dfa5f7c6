// Sends a written report by e-mail through the SMTP server of PANTAU_SMTP_URL (docs/operations.md
// "Daily report"): the PDF attached, a short text in Bahasa Indonesia then English, and the
// download address. nodemailer speaks SMTP, STARTTLS/TLS and AUTH from the URL.
import { createTransport } from 'nodemailer';
import type { ReportInfo } from '../../shared/contract/reports.ts';
import { reportText } from './report-text.ts';

export interface MailConfig {
  /** smtp://[user:pass@]host[:port] (STARTTLS when offered) or smtps:// (TLS from the start). */
  smtpUrl: string;
  from: string;
  to: readonly string[];
}

export type SendReportMail = (r: { info: ReportInfo; pdf: Buffer; city: { id: string; name: string }; url: string }) => Promise<void>;

export function createReportMailer(config: MailConfig): SendReportMail {
  const transport = createTransport(config.smtpUrl);
  return async ({ info, pdf, city, url }) => {
    const text = reportText(info, city.name, url);
    await transport.sendMail({
      from: config.from,
      to: [...config.to],
      subject: text.subject,
      text: `${text.id}\n\n${text.en}\n`,
      attachments: [{ filename: `pantau-${city.id}-${info.day}-${info.lang}.pdf`, content: pdf, contentType: 'application/pdf' }],
    });
  };
}
