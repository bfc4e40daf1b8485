// @langchain/openai through LangChain's public API: new ChatOpenAI({ model, configuration: { fetch } })
// .invoke('hi') — useResponsesApi selects the Responses API — fed the case's native response by a
// local fake fetch. Mapping of AIMessage.usage_metadata: implementations/common/langchainUsage.ts.
import { ChatOpenAI } from '@langchain/openai';
import { fakeFetch, respondWith } from '../common/fakeFetch.js';
import { langchainCells } from '../common/langchainUsage.js';
import { installedVersion, serve, Skip } from '../common/serve.js';

serve(
  {
    name: '@langchain/openai',
    version: `${await installedVersion('@langchain/openai')} (@langchain/core ${await installedVersion('@langchain/core')})`,
    homepage: 'https://js.langchain.com/docs/integrations/chat/openai',
    adapter: 'implementations/langchain-openai',
    apis: ['openai-chat', 'openai-responses'],
  },
  {
    usage: async (i: { api: string; model: string; response: unknown }) => {
      if (i.api !== 'openai-chat' && i.api !== 'openai-responses') throw new Skip(`@langchain/openai does not speak ${i.api}`);
      respondWith(i.response);
      const chat = new ChatOpenAI({
        model: i.model,
        apiKey: 'harness-no-key',
        maxRetries: 0,
        useResponsesApi: i.api === 'openai-responses',
        configuration: { baseURL: 'http://harness.invalid/v1', fetch: fakeFetch },
      });
      const m = await chat.invoke('hi');
      return langchainCells(m.usage_metadata);
    },
  },
);
