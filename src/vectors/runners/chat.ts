import { countChat, type ChatMessage, type ChatTool } from '../../measure/countChat.js';
import { isTokencertError } from '../../errors/errors.js';
import type { VectorRunner } from '../types.js';
import { errorMessage } from '../../io/errnoCode.js';

/** Runs chat and tool prompt-count vectors (TMS-M-011..013); invalid tests must be rejected with the given code. */
export const chatRunner: VectorRunner = {
  kind: 'chat',
  run(test) {
    const req = {
      model: String(test.model),
      messages: test.messages as ChatMessage[],
      tools: test.tools as ChatTool[] | undefined,
      profile: test.profile as string | undefined,
    };
    let r;
    try {
      r = countChat(req);
    } catch (e) {
      if (test.result === 'invalid' && isTokencertError(e) && e.code === test.error) return { status: 'pass' };
      return { status: 'fail', message: `rejected: ${errorMessage(e)}`, expected: test.prompt_tokens ?? test.error };
    }
    if (test.result === 'invalid') return { status: 'fail', message: 'request was counted but must be rejected', observed: r.total };
    if (r.total !== test.prompt_tokens) return { status: 'fail', message: 'prompt_tokens differ', expected: test.prompt_tokens, observed: r.total };
    if (test.tools_tokens !== undefined && r.breakdown.tools.total !== test.tools_tokens)
      return { status: 'fail', message: 'tool tokens differ', expected: test.tools_tokens, observed: r.breakdown.tools.total };
    if (test.expected_profile !== undefined && r.breakdown.profile !== test.expected_profile)
      return { status: 'fail', message: 'profile differs', expected: test.expected_profile, observed: r.breakdown.profile };
    if (test.expected_encoding !== undefined && r.breakdown.encoding !== test.expected_encoding)
      return { status: 'fail', message: 'encoding differs', expected: test.expected_encoding, observed: r.breakdown.encoding };
    return { status: 'pass' };
  },
};
