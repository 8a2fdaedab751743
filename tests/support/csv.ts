/** A strict RFC 4180 reader, for the tests: what a spreadsheet would make of the atlas's CSV. */

/**
 * Reads CSV text: records end with CRLF (the last one may not), a quoted field doubles its quotes and
 * may hold commas, CR and LF; anything else (a bare CR or LF, a stray quote) is an error.
 *
 * @param text - the text, without its byte-order mark
 * @returns the records, each a list of fields
 * @example
 * parseCsv('a,"b ""c"""\r\n'); // [['a', 'b "c"']]
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const endRecord = () => {
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
    } else
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`a quote inside an unquoted field at ${i}`);
        field += text[i++];
      }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      i += 2;
      endRecord();
    } else if (i < text.length) throw new Error(`a bare CR or LF, or text after a quoted field, at ${i}`);
  }
  if (row.length) endRecord();
  return rows;
}
