// @langchain/anthropic through LangChain's public API: new ChatAnthropic({ model, clientOptions: { fetch } })
// .invoke('hi'), fed the case's native Messages response by a local fake fetch. Mapping of
// AIMessage.usage_metadata: implementations/common/langchainUsage.ts.
import { ChatAnthropic } from '@langchain/anthropic';
import { fakeFetch, respondWith } from '../common/fakeFetch.js';
import { langchainCells } from '../common/langchainUsage.js';
import { installedVersion, serve, Skip } from '../common/serve.js';

serve(
  {
    name: '@langchain/anthropic',
    version: `${await installedVersion('@langchain/anthropic')} (@langchain/core ${await installedVersion('@langchain/core')})`,
    homepage: 'https://js.langchain.com/docs/integrations/chat/anthropic',
    adapter: 'implementations/langchain-anthropic',
    apis: ['anthropic-messages'],
  },
  {
    usage: async (i: { api: string; model: string; response: unknown }) => {
      if (i.api !== 'anthropic-messages') throw new Skip(`@langchain/anthropic does not speak ${i.api}`);
      respondWith(i.response);
      const chat = new ChatAnthropic({
        model: i.model,
        apiKey: 'harness-no-key',
        maxRetries: 0,
        anthropicApiUrl: 'http://harness.invalid',
        clientOptions: { fetch: fakeFetch },
      });
      const m = await chat.invoke('hi');
      return langchainCells(m.usage_metadata);
    },
  },
);
