#!/usr/bin/env node
// The package ships TypeScript sources; tsx's loader runs them without a build step,
// so `npx tokencert` works straight after `npm ci`.
import { register } from 'tsx/esm/api';

// `tokencert spec | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
