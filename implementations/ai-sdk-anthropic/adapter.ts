// @ai-sdk/anthropic through the AI SDK's public API: generateText({ model, prompt }) with
// createAnthropic({ fetch }), fed the case's native Messages response by a local fake fetch.
// Mapping: implementations/common/aiSdkUsage.ts.
import { createAnthropic } from '@ai-sdk/anthropic';
import { generateText } from 'ai';
import { aiSdkCells } from '../common/aiSdkUsage.js';
import { fakeFetch, respondWith } from '../common/fakeFetch.js';
import { installedVersion, serve, Skip } from '../common/serve.js';

const anthropic = createAnthropic({ apiKey: 'harness-no-key', baseURL: 'http://harness.invalid/v1', fetch: fakeFetch });

serve(
  {
    name: '@ai-sdk/anthropic',
    version: `${await installedVersion('@ai-sdk/anthropic')} (ai ${await installedVersion('ai')})`,
    homepage: 'https://ai-sdk.dev/providers/ai-sdk-providers/anthropic',
    adapter: 'implementations/ai-sdk-anthropic',
    apis: ['anthropic-messages'],
  },
  {
    usage: async (i: { api: string; model: string; response: unknown }) => {
      if (i.api !== 'anthropic-messages') throw new Skip(`@ai-sdk/anthropic does not speak ${i.api}`);
      respondWith(i.response);
      const r = await generateText({ model: anthropic(i.model), prompt: 'hi', maxRetries: 0 });
      return aiSdkCells(r.usage);
    },
  },
);
