import { isCollection, isNode, isScalar, parseDocument, visit, type Node as YamlNode } from 'yaml';
import { InputError } from '../errors/errors.js';
import { lineColumnAt } from './parseJson.js';
import { errorMessage } from './errnoCode.js';

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
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Parses YAML (a superset of JSON) keeping node positions, so a bad value can be reported
 * as `file:line /pointer`. Duplicate keys and syntax errors are InputErrors.
 */
/** The largest YAML (or JSON) document parsed with positions, in characters (TMS-C-012): the parser keeps a node per value. */
export const MAX_YAML_CHARS = 16 * 1024 * 1024;
/** How many alias expansions a document may make (TMS-C-013): enough for any real sheet, far too few for an alias bomb. */
export const MAX_YAML_ALIASES = 100;

export function parseYamlLocated(text: string, file: string): LocatedDocument {
  if (text.length > MAX_YAML_CHARS)
    throw new InputError('input-invalid', `document is ${text.length} characters, over the limit of ${MAX_YAML_CHARS} for a YAML or JSON document`, { file });
  let doc;
  try {
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (e) {
    // The parser recurses per nesting level; a hostile depth must be an input error, not a crash.
    throw new InputError('input-syntax', `malformed YAML: ${errorMessage(e).split('\n')[0]}`, { file });
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const { line, column } = lineColumnAt(text, err.pos[0]);
    throw new InputError('input-syntax', `malformed YAML: ${err.message.split('\n')[0]}`, { file, line, column });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    // An alias bomb (a "billion laughs" of anchors and aliases) or an alias nested in itself (TMS-C-013).
    let at: number | undefined;
    visit(doc, {
      Alias(_k, node) {
        at = node.range?.[0];
        return visit.BREAK;
      },
    });
    const where = at !== undefined ? lineColumnAt(text, at) : undefined;
    const why =
      e instanceof ReferenceError && /alias count/i.test(e.message)
        ? `too many alias expansions (the limit is ${MAX_YAML_ALIASES}; an alias bomb?)`
        : errorMessage(e).split('\n')[0];
    throw new InputError('input-invalid', `YAML aliases: ${why}`, { file, ...(where ? { line: where.line, column: where.column } : {}) });
  }
  const nodeAt = (pointer: string): YamlNode | undefined => {
    let found: YamlNode | undefined = doc.contents ?? undefined;
    for (const key of decodePointer(pointer)) {
      // Only a map or a sequence has members; a scalar or an alias ends the walk where it stands.
      if (!isCollection(found)) break;
      const next: unknown = found.get(/^\d+$/.test(key) ? Number(key) : key, true) ?? found.get(key, true);
      if (!isNode(next)) break;
      found = next;
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
