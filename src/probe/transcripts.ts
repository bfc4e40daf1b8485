import { join } from 'node:path';
import { InputError } from '../errors/errors.js';
import { parseJson } from '../io/parseJson.js';
import { readText } from '../io/readText.js';
import { writeAtomic } from '../io/writeAtomic.js';
import type { Redactor } from './http/redactor.js';
import type { CaseInput, ExchangeRecord, ModelProfile } from './types.js';

/** Folder of the transcripts inside a run directory. */
export const TRANSCRIPTS_DIR = 'transcripts';

/** What a transcript keeps of one case: enough to recompute every verdict offline (TMS-C-108). */
export interface Transcript {
  readonly transcript_version: 1;
  readonly case_id: string;
  readonly checks: readonly string[];
  readonly model: ModelProfile;
  readonly input: CaseInput;
  readonly exchanges: readonly ExchangeRecord[];
}

/** The transcript path of a case, relative to the run directory. */
export function transcriptPath(caseId: string): string {
  return `${TRANSCRIPTS_DIR}/${caseId.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
}

/** Writes a case's transcript, redacted (TMS-C-107), atomically. */
export async function writeTranscript(dir: string, t: Transcript, redactor: Redactor): Promise<string> {
  const rel = transcriptPath(t.case_id);
  await writeAtomic(join(dir, rel), `${redactor.text(JSON.stringify(redactor.value(t), null, 1))}\n`);
  return rel;
}

/** Reads a transcript back. */
export async function readTranscript(dir: string, rel: string): Promise<Transcript> {
  const file = join(dir, rel);
  const v = parseJson(await readText(file), file) as Transcript;
  if (v?.transcript_version !== 1 || !Array.isArray(v.exchanges))
    throw new InputError('input-invalid', 'not a tokencert transcript (transcript_version 1)', { file, pointer: '/transcript_version' });
  return v;
}
