import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvField, toCsv } from '../../client/components/csv.ts';

describe('toCsv', () => {
  it('writes a BOM, a header row, one row per item and CRLF after every row', () => {
    const csv = toCsv(
      [
        { name: 'Periuk', n: 12 },
        { name: 'Karang Tengah', n: 0 },
      ],
      [
        { header: 'kecamatan', value: (r) => r.name },
        { header: 'kejadian', value: (r) => r.n },
      ],
    );
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv).toBe('\uFEFFkecamatan,kejadian\r\nPeriuk,12\r\nKarang Tengah,0\r\n');
  });

  it('quotes what must be quoted and doubles quotes inside', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' padded ')).toBe('" padded "');
    expect(csvField('plain')).toBe('plain');
  });

  it('leaves numbers as numbers and missing values empty', () => {
    expect(csvField(0.9523)).toBe('0.9523');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(true)).toBe('true');
  });

  it('keeps non-ASCII text as it is (the BOM tells Excel it is UTF-8)', () => {
    expect(toCsv([{ s: 'Ambulans / Dinkes — ≤ 15 mnt' }], [{ header: 'instansi', value: (r) => r.s }])).toBe(
      '\uFEFFinstansi\r\nAmbulans / Dinkes — ≤ 15 mnt\r\n',
    );
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+62 812')).toBe("'+62 812");
    expect(csvField('@sum')).toBe("'@sum");
    expect(csvField('-x')).toBe("'-x");
  });

  it('writes only the header for no rows', () => {
    expect(toCsv([], [{ header: 'a', value: () => 1 }])).toBe('\uFEFFa\r\n');
  });
});
