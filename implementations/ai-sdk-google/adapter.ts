// @ai-sdk/google through the AI SDK's public API: generateText({ model, prompt }) with
// createGoogleGenerativeAI({ fetch }), fed the case's native generateContent response by a local
// fake fetch. Mapping: implementations/common/aiSdkUsage.ts.
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { generateText } from 'ai';
import { aiSdkCells } from '../common/aiSdkUsage.js';
import { fakeFetch, respondWith } from '../common/fakeFetch.js';
import { installedVersion, serve, Skip } from '../common/serve.js';

const google = createGoogleGenerativeAI({ apiKey: 'harness-no-key', baseURL: 'http://harness.invalid/v1beta', fetch: fakeFetch });

serve(
  {
    name: '@ai-sdk/google',
    version: `${await installedVersion('@ai-sdk/google')} (ai ${await installedVersion('ai')})`,
    homepage: 'https://ai-sdk.dev/providers/ai-sdk-providers/google-generative-ai',
    adapter: 'implementations/ai-sdk-google',
    apis: ['gemini'],
  },
  {
    usage: async (i: { api: string; model: string; response: unknown }) => {
      if (i.api !== 'gemini') throw new Skip(`@ai-sdk/google does not speak ${i.api}`);
      respondWith(i.response);
      const r = await generateText({ model: google(i.model), prompt: 'hi', maxRetries: 0 });
      return aiSdkCells(r.usage);
    },
  },
);
