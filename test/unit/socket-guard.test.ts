// The pure parts of the Socket.IO door: which Origin may connect, which address a handshake
// is counted under (and that a remote client cannot choose it with X-Forwarded-For).
import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from '../../server/live/allowed-origin.ts';
import { addressKey, clientAddress } from '../../server/live/client-address.ts';

describe('isAllowedOrigin', () => {
  const listed = ['https://wall.kota.example', 'https://ops.kota.example/'];
  it.each([
    ['no Origin (not a browser)', undefined, ['pantau.kota.example'], true],
    ['same host', 'https://pantau.kota.example', ['pantau.kota.example'], true],
    ['same host and port, any case', 'http://LOCALHOST:8080', ['localhost:8080'], true],
    ['same host, other port', 'http://localhost:5173', ['localhost:8080'], false],
    ['forwarded host from a local proxy', 'https://pantau.kota.example', ['127.0.0.1:8080', 'pantau.kota.example'], true],
    ['listed', 'https://wall.kota.example', ['pantau.kota.example'], true],
    ['listed with a trailing slash in the list', 'https://ops.kota.example', ['pantau.kota.example'], true],
    ['listed host, other scheme', 'http://wall.kota.example', ['pantau.kota.example'], false],
    ['a suffix of a listed host', 'https://wall.kota.example.evil.example', ['pantau.kota.example'], false],
    ['foreign', 'https://evil.example', ['pantau.kota.example'], false],
    ['opaque origin', 'null', ['null'], false],
    ['garbage', 'not a url', ['pantau.kota.example'], false],
  ] as const)('%s → %s', (_what, origin, hosts, expected) => {
    expect(isAllowedOrigin(origin, hosts, listed)).toBe(expected);
  });
});

describe('clientAddress', () => {
  it('is the peer when the peer is not this machine, whatever X-Forwarded-For says', () => {
    expect(clientAddress('198.51.100.4', '203.0.113.9')).toBe('198.51.100.4');
  });
  it('behind a loopback proxy, is the nearest hop that is not loopback', () => {
    // A forged first entry is never reached: the proxy appended the real peer last.
    expect(clientAddress('127.0.0.1', '1.2.3.4, 203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddress('::1', ['203.0.113.9, 127.0.0.1'])).toBe('203.0.113.9');
    expect(clientAddress('::ffff:127.0.0.1', undefined)).toBe('::ffff:127.0.0.1');
  });
});

describe('addressKey', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['2001:db8:aa:bb:1:2:3:4', '2001:db8:aa:bb::/64'],
    ['2001:db8:aa:bb::99', '2001:db8:aa:bb::/64'],
    ['2001:0DB8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['x'.repeat(200), `other:${'x'.repeat(64)}`],
  ])('%s → %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});
