// The daily report's configuration: each bad value stops the start naming its variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

const error = (env: Record<string, string>): ConfigError | null => {
  try {
    loadConfig(env);
    return null;
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
};

describe('report configuration', () => {
  it('defaults: on, Indonesian, Debian\'s chromium, no e-mail', () => {
    const c = loadConfig({});
    expect(c.reports).toEqual({ enabled: true, lang: 'id', chromium: '/usr/bin/chromium', mail: undefined, publicUrl: undefined });
  });

  it('reads SMTP, recipients, the public address and the language', () => {
    const c = loadConfig({
      PANTAU_SMTP_URL: 'smtps://pantau:secret@mail.example.go.id:465',
      PANTAU_REPORT_TO: 'walikota@example.go.id, bappeda@example.go.id',
      PANTAU_PUBLIC_URL: 'https://pantau.example.go.id/',
      PANTAU_REPORT_LANG: 'en',
      PANTAU_REPORTS: 'off',
      PANTAU_CHROMIUM: '/opt/chromium/chrome',
    });
    expect(c.reports).toEqual({
      enabled: false, lang: 'en', chromium: '/opt/chromium/chrome', publicUrl: 'https://pantau.example.go.id',
      mail: { smtpUrl: 'smtps://pantau:secret@mail.example.go.id:465', from: 'Pantau <pantau@localhost>', to: ['walikota@example.go.id', 'bappeda@example.go.id'] },
    });
  });

  it('names the variable of a bad value', () => {
    expect(error({ PANTAU_SMTP_URL: 'mail.example.go.id' })?.variable).toBe('PANTAU_SMTP_URL');
    expect(error({ PANTAU_SMTP_URL: 'smtp://mail.example.go.id' })?.variable).toBe('PANTAU_REPORT_TO');
    expect(error({ PANTAU_SMTP_URL: 'smtp://mail.example.go.id', PANTAU_REPORT_TO: 'walikota' })?.message).toMatch(/PANTAU_REPORT_TO: not an e-mail address: "walikota"/);
    expect(error({ PANTAU_REPORT_TO: 'walikota@example.go.id' })?.variable).toBe('PANTAU_SMTP_URL');
    expect(error({ PANTAU_REPORT_LANG: 'fr' })?.variable).toBe('PANTAU_REPORT_LANG');
    expect(error({ PANTAU_PUBLIC_URL: 'ftp://x' })?.variable).toBe('PANTAU_PUBLIC_URL');
  });
});
