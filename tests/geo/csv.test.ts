import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOM, csvField, toCsv } from '../../geo/csv.ts';
import { parseCsv } from '../support/csv.ts';


describe('CSV', () => {
  it('starts with the byte-order mark, which encodes as EF BB BF, and ends every record with CRLF', () => {
    const text = toCsv([['出发地', '分钟'], ['万州', 93.7]]);
    expect(text).toBe(`${BOM}出发地,分钟\r\n万州,93.7\r\n`);
    expect([...new TextEncoder().encode(text).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(toCsv([['a']], { bom: false })).toBe('a\r\n');
  });

  it('quotes a field with a comma, quote, CR or LF and doubles its quotes', () => {
    expect(csvField('万州, 达州')).toBe('"万州, 达州"');
    expect(csvField('the "G42"')).toBe('"the ""G42"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('plain 万州')).toBe('plain 万州');
  });

  it('leaves nothing empty as empty: null, undefined and numbers that are not finite', () => {
    expect(toCsv([[null, undefined, Number.NaN, Infinity, 0, '']], { bom: false })).toBe(',,,,0,\r\n');
  });

  it('keeps a spreadsheet from running a field as a formula, but leaves plain numbers alone', () => {
    for (const f of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\r=1', '=HYPERLINK("http://x","y")']) expect(csvField(f).replace(/^"/, '')).toMatch(/^'/);
    expect(csvField('=HYPERLINK("a")')).toBe(`"'=HYPERLINK(""a"")"`);
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    for (const n of ['-3.5', '+2', '-0', '-.5', '1e-3', '-1E+5']) expect(csvField(n)).toBe(n);
    expect(csvField(-3.5)).toBe('-3.5');
    // Only the first character counts.
    expect(csvField('a=1')).toBe('a=1');
    expect(csvField('-')).toBe(`'-`);
  });

  it('round-trips any table through an RFC 4180 reader, the guard apart', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '万', ',', '"', '\r', '\n', ' ', '=', '-', '+', '@', '\t', '1', '.') });
    const value = fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((width) => fc.array(fc.array(value, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 })), (rows) => {
        const csv = toCsv(rows);
        expect(csv.startsWith(BOM)).toBe(true);
        const read = parseCsv(csv.slice(1));
        const expected = rows.map((row) =>
          row.map((v) => {
            if (v === null) return '';
            if (typeof v === 'number') return String(v);
            return /^[=+\-@\t\r]/.test(v) && !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v) ? `'${v}` : v;
          }),
        );
        expect(read).toEqual(expected);
      }),
      { seed: 18, numRuns: 2000 },
    );
  });

  it('reads a number back as the number it was', () => {
    const read = parseCsv(toCsv([[93.7, -12.5, 0.1 + 0.2]], { bom: false }));
    expect(read[0].map(Number)).toEqual([93.7, -12.5, 0.1 + 0.2]);
  });
});
