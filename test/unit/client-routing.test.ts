import { describe, expect, it } from 'vitest';
import { takeTokenFromUrl } from '../../client/api/credentials.ts';
import { pickLang } from '../../client/app/i18n.ts';
import { routeFor } from '../../client/app/router.ts';

describe('routeFor', () => {
  it.each([
    ['/', 'demo'],
    ['/demo', 'demo'],
    ['/wall', 'wall'],
    ['/wall/', 'wall'],
    ['/executive', 'executive'],
    ['/operator', 'operator'],
    ['/signin', 'signin'],
    ['/replay', 'replay'],
    ['/nowhere', 'demo'],
  ] as const)('%s → %s', (path, want) => {
    expect(routeFor(path)).toBe(want);
  });
});

describe('takeTokenFromUrl', () => {
  it('takes the token out and keeps the other parameters', () => {
    expect(takeTokenFromUrl('http://x/wall?pages=map,apps&token=s3cret-token&lang=en#a')).toEqual({
      token: 's3cret-token',
      cleaned: '/wall?pages=map%2Capps&lang=en#a',
    });
  });
  it('leaves a URL without a token alone', () => {
    expect(takeTokenFromUrl('http://x/wall?lang=id')).toEqual({ token: null, cleaned: '/wall?lang=id' });
  });
  it('treats an empty token as none, and still strips it', () => {
    expect(takeTokenFromUrl('http://x/wall?token=')).toEqual({ token: null, cleaned: '/wall' });
  });
});

describe('pickLang', () => {
  it('prefers ?lang=, then the stored choice, then Indonesian', () => {
    expect(pickLang('?lang=en', 'id')).toBe('en');
    expect(pickLang('?lang=fr', 'en')).toBe('en');
    expect(pickLang('', null)).toBe('id');
    expect(pickLang('', 'xx')).toBe('id');
  });
});
