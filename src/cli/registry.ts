import type { Command } from './command.js';

/**
 * Every command, loaded lazily so `tokencert count` does not load the probe or the auditor.
 * Keys are the command words; `main.ts` matches the longest key that prefixes argv.
 */
export const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  spec: { summary: 'List the requirements of the spec, or show one', load: async () => (await import('./commands/spec.js')).spec },
  validate: { summary: 'Validate JSON or JSON-lines records against a schema', load: async () => (await import('./commands/validate.js')).validate },
  'vectors verify': { summary: 'Check the vector manifest and run every golden vector', load: async () => (await import('./commands/vectorsVerify.js')).vectorsVerify },
};
