import { readFileSync } from 'node:fs';
import { InputError } from '../errors/errors.js';
import { parseJson } from '../io/parseJson.js';
import { decodeUtf8 } from '../io/readText.js';
import { safeValidate } from '../schemas/registry.js';
import type { VectorFile } from './types.js';
import { isRecord } from '../io/isRecord.js';

/**
 * Reads a vector file and validates it against the common vector-file schema and its kind's own
 * schema (named in its `schema` field); checks `number_of_tests`, unique `tc_id`s and declared flags.
 */
export function loadVectorFile(path: string, displayPath = path): VectorFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new InputError('input-missing', 'no such vector file', { file: displayPath });
  }
  const value = parseJson(decodeUtf8(bytes, displayPath), displayPath);
  for (const schema of ['vector-file', String((isRecord(value) ? value.schema : undefined) ?? '').replace(/\.json$/, '')]) {
    const r = safeValidate(schema, value);
    if (!r.ok) throw new InputError('input-invalid', `${r.issues[0].message} (schema ${schema})`, { file: displayPath, pointer: r.issues[0].pointer });
  }
  const file = value as VectorFile;
  const ids = new Set<number>();
  let count = 0;
  file.test_groups.forEach((g, gi) =>
    g.tests.forEach((t, ti) => {
      count++;
      if (ids.has(t.tc_id))
        throw new InputError('input-invalid', `duplicate tc_id ${t.tc_id}`, { file: displayPath, pointer: `/test_groups/${gi}/tests/${ti}/tc_id` });
      ids.add(t.tc_id);
      for (const f of t.flags) {
        if (!(f in file.notes))
          throw new InputError('input-invalid', `flag "${f}" is not explained in notes`, {
            file: displayPath,
            pointer: `/test_groups/${gi}/tests/${ti}/flags`,
          });
      }
    }),
  );
  if (count !== file.number_of_tests)
    throw new InputError('input-invalid', `number_of_tests is ${file.number_of_tests} but the file has ${count} tests`, {
      file: displayPath,
      pointer: '/number_of_tests',
    });
  return file;
}
