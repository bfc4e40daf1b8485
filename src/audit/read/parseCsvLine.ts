/** The fields of one CSV line, or why it is malformed. */
export type CsvFields = { ok: true; fields: string[] } | { ok: false; message: string; column: number };

/**
 * Splits one RFC 4180 CSV line into fields: comma separated, fields optionally in double quotes,
 * `""` an escaped quote inside a quoted field. Usage logs keep one record per line, so a quoted
 * field may not span lines; an unterminated quote is an error naming its column.
 */
export function parseCsvLine(text: string): CsvFields {
  const fields: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) return { ok: false, message: 'unterminated quoted field', column: start + 1 };
        value += text.slice(i, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      if (i < n && text.charCodeAt(i) !== 44) return { ok: false, message: 'text after a closing quote', column: i + 1 };
      fields.push(value);
    } else {
      const c = text.indexOf(',', i);
      const end = c < 0 ? n : c;
      const value = text.slice(i, end);
      if (value.includes('"')) return { ok: false, message: 'quote inside an unquoted field', column: i + value.indexOf('"') + 1 };
      fields.push(value);
      i = end;
    }
    if (i >= n) break;
    i++; // the comma
    if (i === n) {
      fields.push('');
      break;
    }
  }
  return { ok: true, fields };
}
