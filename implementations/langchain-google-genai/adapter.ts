// @langchain/google-genai through LangChain's public API: new ChatGoogleGenerativeAI({ model })
// .invoke('hi'). The package calls Google's @google/generative-ai SDK, which has no fetch option and
// uses the global fetch; the local fake replaces it (implementations/common/fakeFetch.ts), so the
// case's native generateContent response is what the SDK parses. Mapping of usage_metadata:
// implementations/common/langchainUsage.ts.
import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { respondWith } from '../common/fakeFetch.js';
import { langchainCells } from '../common/langchainUsage.js';
import { installedVersion, serve, Skip } from '../common/serve.js';

serve(
  {
    name: '@langchain/google-genai',
    version: `${await installedVersion('@langchain/google-genai')} (@langchain/core ${await installedVersion('@langchain/core')})`,
    homepage: 'https://js.langchain.com/docs/integrations/chat/google_generativeai',
    adapter: 'implementations/langchain-google-genai',
    apis: ['gemini'],
  },
  {
    usage: async (i: { api: string; model: string; response: unknown }) => {
      if (i.api !== 'gemini') throw new Skip(`@langchain/google-genai does not speak ${i.api}`);
      respondWith(i.response);
      const chat = new ChatGoogleGenerativeAI({ model: i.model, apiKey: 'harness-no-key', maxRetries: 0 });
      const m = await chat.invoke('hi');
      return langchainCells(m.usage_metadata);
    },
  },
);
