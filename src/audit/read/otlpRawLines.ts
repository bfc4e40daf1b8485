import type { RawLine } from '../core/processLine.js';
import { decodeUtf8 } from '../../io/readText.js';
import { spanItems, type SpanItem } from './otlpGenAi.js';

const item = (fi: number, line: number, it: SpanItem | null): RawLine => ({
  file: fi,
  line,
  bytes: it ? Buffer.from(JSON.stringify(it)) : Buffer.alloc(0),
  otlp: true,
});

/**
 * Expands one OTLP/JSON trace export (a line of the collector's file exporter, or a whole .json
 * document) into one raw line per span, each carrying its span item (TMS-A-015). An export without
 * spans becomes one blank item, an unreadable one one invalid item: nothing is dropped (TMS-A-001).
 */
export function otlpRawLines(fi: number, line: number, bytes: Uint8Array): RawLine[] {
  let text: string;
  try {
    text = decodeUtf8(bytes, '');
  } catch (e) {
    return [item(fi, line, { t: 'bad', pointer: '', message: (e as Error).message })];
  }
  if (text.trim() === '') return [item(fi, line, null)];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return [item(fi, line, { t: 'bad', pointer: '', message: `malformed JSON (truncated or corrupt export): ${(e as Error).message}` })];
  }
  const items = spanItems(doc);
  if ('error' in items) return [item(fi, line, { t: 'bad', pointer: items.pointer, message: items.error })];
  if (items.length === 0) return [item(fi, line, null)];
  return items.map((it) => item(fi, line, it));
}

/** A `.json` / `.json.gz` file is read as one document (a pretty-printed export); other files as JSON lines. */
export function isJsonDocumentFile(path: string): boolean {
  return /\.json(\.gz)?$/i.test(path);
}
