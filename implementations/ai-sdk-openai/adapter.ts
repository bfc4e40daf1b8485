// @ai-sdk/openai through the AI SDK's public API: generateText({ model, prompt }) with
// createOpenAI({ fetch }) — .chat(model) for Chat Completions, .responses(model) for the Responses
// API — fed the case's native response by a local fake fetch. Mapping: implementations/common/aiSdkUsage.ts.
import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';
import { aiSdkCells } from '../common/aiSdkUsage.js';
import { fakeFetch, respondWith } from '../common/fakeFetch.js';
import { installedVersion, serve, Skip } from '../common/serve.js';

const openai = createOpenAI({ apiKey: 'harness-no-key', baseURL: 'http://harness.invalid/v1', fetch: fakeFetch });

serve(
  {
    name: '@ai-sdk/openai',
    version: `${await installedVersion('@ai-sdk/openai')} (ai ${await installedVersion('ai')})`,
    homepage: 'https://ai-sdk.dev/providers/ai-sdk-providers/openai',
    adapter: 'implementations/ai-sdk-openai',
    apis: ['openai-chat', 'openai-responses'],
  },
  {
    usage: async (i: { api: string; model: string; response: unknown }) => {
      if (i.api !== 'openai-chat' && i.api !== 'openai-responses') throw new Skip(`@ai-sdk/openai does not speak ${i.api}`);
      respondWith(i.response);
      const model = i.api === 'openai-chat' ? openai.chat(i.model) : openai.responses(i.model);
      const r = await generateText({ model, prompt: 'hi', maxRetries: 0 });
      return aiSdkCells(r.usage);
    },
  },
);
