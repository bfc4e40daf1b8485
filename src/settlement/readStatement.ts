import { parseJson } from '../io/parseJson.js';
import { MAX_LARGE_DOCUMENT_BYTES } from '../io/inputFile.js';
import { readText } from '../io/readText.js';
import { validate } from '../schemas/registry.js';
import type { InclusionProof, Statement } from '../schemas/types.gen.js';

/** Reads and validates a statement file (schemas/statement.json); problems are InputErrors with file and pointer. */
export async function readStatement(path: string): Promise<Statement> {
  return validate('statement', parseJson(await readText(path, MAX_LARGE_DOCUMENT_BYTES), path), { file: path });
}

/** Reads and validates an inclusion proof file (schemas/inclusion-proof.json). */
export async function readProof(path: string): Promise<InclusionProof> {
  return validate('inclusion-proof', parseJson(await readText(path), path), { file: path });
}
