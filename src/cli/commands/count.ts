import { InputError, UsageError, isTokencertError } from '../../errors/errors.js';
import { parseJson } from '../../io/parseJson.js';
import { isRecord } from '../../io/isRecord.js';
import { MAX_LARGE_DOCUMENT_BYTES } from '../../io/inputFile.js';
import { readText } from '../../io/readText.js';
import { getEncoding } from '../../measure/encodings.js';
import { encodingForModel } from '../../measure/encodingForModel.js';
import { countChat, type ChatMessage, type ChatTool } from '../../measure/countChat.js';
import { type CliIo, defineCommand } from '../command.js';

/** The encoding used when neither --model nor --encoding is given: that of current OpenAI models. */
const DEFAULT_ENCODING = 'o200k_base';

const usage = `Usage: tokencert count [--encoding NAME | --model MODEL] [--text S | FILE | -] [--json] [--allow-special]
       tokencert count --request FILE [--model MODEL] [--encoding NAME] [--profile ID] [--json]

Counts tokens with tiktoken's encodings (exact ids of tiktoken's Rust core, TMS-M-004).
  --encoding NAME    gpt2, r50k_base, p50k_base, p50k_edit, cl100k_base, o200k_base, o200k_harmony
                     (default o200k_base, said on standard error, when neither --encoding nor --model is given)
  --model MODEL      resolve the encoding from a model name by tiktoken's rules (TMS-M-003)
  --text S           count S; otherwise read FILE, or standard input with -
  --allow-special    count special-token strings (<|endoftext|>…) as special ids; by default they are text (TMS-M-005)
  --request FILE     count the prompt tokens of an OpenAI Chat Completions request body (model, messages, tools)
  --profile ID       chat framing profile (default from the model: openai-cookbook-2024, or the 0301 variant)
  --json             print JSON (schemas/count-output.json)
Files must be strict UTF-8. Empty text counts 0. Exit 2 on bad input.
`;

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Adds the request file to an error raised while counting it, so the message names its place. */
function inFile(e: unknown, file: string): unknown {
  if (!isTokencertError(e)) return e;
  const { code } = e;
  if (code === 'usage' || code === 'internal' || code === 'verdict-failed') return e;
  return new InputError(code, e.message, { ...e.location, file });
}

/** Counts a Chat Completions request body read from `file`; `encoding` serves model ids tiktoken does not know. */
async function countRequest(
  file: string,
  model: string | undefined,
  encoding: string | undefined,
  profile: string | undefined,
  json: boolean,
  io: CliIo,
): Promise<number> {
  const body = parseJson(await readText(file), file);
  if (!isRecord(body)) throw new InputError('input-invalid', 'a request body must be a JSON object', { file, pointer: '' });
  const b = body;
  const m = model ?? b.model;
  if (typeof m !== 'string' || m === '') throw new InputError('input-invalid', 'the request has no model; pass --model', { file, pointer: '/model' });
  if (!Array.isArray(b.messages)) throw new InputError('input-invalid', 'messages must be an array', { file, pointer: '/messages' });
  if (b.tools !== undefined && !Array.isArray(b.tools)) throw new InputError('input-invalid', 'tools must be an array', { file, pointer: '/tools' });
  let r;
  try {
    r = countChat({ model: m, messages: b.messages as ChatMessage[], tools: b.tools as ChatTool[] | undefined, profile, encoding });
  } catch (e) {
    const withFile = inFile(e, file);
    if (isTokencertError(withFile) && withFile.code === 'unknown-model' && model === undefined)
      throw new InputError('unknown-model', withFile.message, { file, pointer: '/model' });
    throw withFile;
  }
  if (!json) {
    io.out(`${r.total}\n`);
    return 0;
  }
  const enc = getEncoding(r.breakdown.encoding);
  const out = {
    prompt_tokens: r.total,
    model: m,
    profile: r.breakdown.profile,
    tokenizer: { id: enc.descriptor.id, vocab_sha256: enc.descriptor.vocab_sha256 },
    messages: r.breakdown.messages,
    tools: { total: r.breakdown.tools.total, tools: r.breakdown.tools.tools, func_end: r.breakdown.tools.funcEnd },
    reply_priming: r.breakdown.replyPriming,
  };
  io.out(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}

/** `tokencert count`: token count of a text (TMS-M-004..007) or of a chat request (TMS-M-011..013). */
export const count = defineCommand({
  name: 'count',
  summary: 'Count tokens of a text (exact tiktoken ids) or the prompt tokens of a chat request',
  usage,
  options: {
    encoding: { type: 'string' },
    model: { type: 'string' },
    text: { type: 'string' },
    request: { type: 'string' },
    profile: { type: 'string' },
    json: { type: 'boolean' },
    'allow-special': { type: 'boolean' },
  },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    const json = values.json === true;
    const model = values.model;
    if (values.request !== undefined) {
      if (values.text !== undefined || positionals.length > 0) throw new UsageError('count: --request cannot be combined with --text or FILE');
      return countRequest(values.request, model, values.encoding, values.profile, json, io);
    }
    if (values.profile !== undefined) throw new UsageError('count: --profile applies only with --request');
    if (values.encoding !== undefined && model !== undefined) throw new UsageError('count: give --encoding NAME or --model MODEL, not both');
    if (values.encoding === undefined && model === undefined)
      io.err(
        `count: no --model or --encoding given; counting with ${DEFAULT_ENCODING} (current OpenAI models); pass --encoding NAME or --model MODEL to choose\n`,
      );
    if (values.text !== undefined && positionals.length > 0) throw new UsageError('count: give --text or FILE, not both');
    if (values.text === undefined && positionals.length !== 1) throw new UsageError('count: give --text S, one FILE, or - for standard input');
    const enc = getEncoding(model !== undefined ? encodingForModel(model) : (values.encoding ?? DEFAULT_ENCODING));
    // Up to 256 MiB: a long run of one character is counted by its period (fastCount.ts runCount), not merged whole.
    const text = values.text !== undefined ? values.text : await readText(positionals[0], MAX_LARGE_DOCUMENT_BYTES);
    const tokens = enc.count(text, values['allow-special'] === true ? { allowedSpecial: 'all' } : undefined);
    if (json) {
      const out = {
        tokens,
        tokenizer: { id: enc.descriptor.id, vocab_sha256: enc.descriptor.vocab_sha256 },
        utf8_bytes: Buffer.byteLength(text, 'utf8'),
        code_points: codePoints(text),
      };
      io.out(`${JSON.stringify(out, null, 2)}\n`);
    } else io.out(`${tokens}\n`);
    return 0;
  },
});
