/**
 * Tables as CSV text (RFC 4180) that a spreadsheet opens as it was meant: UTF-8 with a byte-order
 * mark (without it Excel reads the Chinese as its local code page), CRLF line ends, and no field
 * that a spreadsheet would run as a formula.
 */

/** A field's value: a string, a number, or nothing (an empty field). */
export type CsvValue = string | number | null | undefined;

/** The byte-order mark a spreadsheet reads the file's encoding from. */
export const BOM = '\uFEFF';

// A field a spreadsheet takes as a formula (or, after a tab or CR, trims into one): CSV injection.
const FORMULA_START = /^[=+\-@\t\r]/;
// What a spreadsheet reads as a number, and so never as a formula: "-3.5", "+2", "1e-3".
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
// A field holding any of these must be quoted.
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One field as CSV: nothing for null, undefined or a number that is not finite; a field that would
 * start a formula gets a leading apostrophe (unless it is a plain number); a field with a comma,
 * quote, CR or LF is quoted, its quotes doubled.
 *
 * @param value - the field's value
 * @returns its CSV text
 * @example
 * csvField('万州, 达州'); // '"万州, 达州"'
 * csvField('=1+1'); // "'=1+1"
 * csvField(-3.5); // '-3.5'
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Options of {@link toCsv}. */
export interface CsvOptions {
  /** Whether the text starts with the byte-order mark (default true). */
  bom?: boolean;
}

/**
 * Rows as CSV text: each row a record, CRLF after every record (the last too).
 *
 * @param rows - the rows, the header first
 * @param options - whether to start with the byte-order mark
 * @returns the text
 * @example
 * toCsv([['出发', '分钟'], ['万州', 93.7]]); // '\uFEFF出发,分钟\r\n万州,93.7\r\n'
 */
export function toCsv(rows: readonly (readonly CsvValue[])[], options: CsvOptions = {}): string {
  const body = rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
  return (options.bom ?? true) ? `${BOM}${body}` : body;
}
