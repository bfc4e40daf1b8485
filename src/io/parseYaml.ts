import { parseDocument, isScalar, type Node as YamlNode } from 'yaml';
import { InputError } from '../errors/errors.js';
import { lineColumnAt } from './parseJson.js';

/** A parsed YAML (or JSON) document with the source line of every JSON pointer, for error messages. */
export interface LocatedDocument {
  readonly value: unknown;
  /** Line (1-based) of the node at `pointer`, or of its nearest ancestor found. */
  lineOf(pointer: string): number | undefined;
  /** True when the scalar at `pointer` was written as a plain (unquoted) number in the source. */
  isPlainNumber(pointer: string): boolean;
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Parses YAML (a superset of JSON) keeping node positions, so a bad value can be reported
 * as `file:line /pointer`. Duplicate keys and syntax errors are InputErrors.
 */
export function parseYamlLocated(text: string, file: string): LocatedDocument {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const { line, column } = lineColumnAt(text, err.pos[0]);
    throw new InputError('input-syntax', `malformed YAML: ${err.message.split('\n')[0]}`, { file, line, column });
  }
  const value = doc.toJS({ maxAliasCount: 100 });
  const nodeAt = (pointer: string): YamlNode | undefined => {
    let node: unknown = doc.contents;
    let found: YamlNode | undefined = node as YamlNode;
    for (const key of decodePointer(pointer)) {
      const coll = node as { get?: (k: unknown, keepScalar: boolean) => unknown } | null;
      if (!coll || typeof coll.get !== 'function') break;
      const next = coll.get(/^\d+$/.test(key) ? Number(key) : key, true) ?? coll.get(key, true);
      if (next === undefined) break;
      node = next;
      found = next as YamlNode;
    }
    return found;
  };
  return {
    value,
    lineOf(pointer) {
      const n = nodeAt(pointer);
      const start = n?.range?.[0];
      return start === undefined ? undefined : lineColumnAt(text, start).line;
    },
    isPlainNumber(pointer) {
      const n = nodeAt(pointer);
      return n !== undefined && isScalar(n) && typeof n.value === 'number' && (n.type === 'PLAIN' || n.type === undefined);
    },
  };
}
