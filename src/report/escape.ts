// Escaping of provider-supplied strings for each output format (TMS-C-205). A provider controls
// model names, error messages and response bodies that end up in evidence; none of it may become
// markup, and characters a reader cannot see must become visible.

// C0/C1 controls except TAB/LF/CR, DEL, lone surrogates, bidi controls (Trojan Source), U+FFFE/FFFF.
const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces control, bidi-override and lone-surrogate characters with a visible `\uXXXX` so a reader sees them and XML stays well-formed. */
export function visible(s: string): string {
  return s.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Escapes text for XML 1.0 element content and attribute values (both quote kinds, and whitespace that attribute normalisation would eat). */
export function xmlEscape(s: string): string {
  return visible(s).replace(
    /[&<>"'\t\n\r]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c]!,
  );
}

/** Escapes text for XML element content, keeping line breaks as they are. */
export function xmlText(s: string): string {
  return visible(s.replace(/\r\n?/g, '\n')).replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

/** Escapes text for one Markdown table cell or inline run (never at a line start): no markup, no links, no HTML, no line breaks. */
export function mdEscape(s: string): string {
  return visible(s.replace(/\r\n?|\n/g, ' '))
    .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)
    .replace(/[\\`*_{}[\]|~]/g, (c) => `\\${c}`);
}

/** Shortens a string for a table cell, marking the cut. */
export function clip(s: string, max: number): string {
  const cps = [...s];
  return cps.length <= max ? s : `${cps.slice(0, max - 1).join('')}…`;
}

/** A JSON value as readable text (pretty JSON; strings as themselves). */
export function showJson(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v, null, 2);
}
