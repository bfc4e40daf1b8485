#!/usr/bin/env node
// The package ships TypeScript sources; tsx's loader runs them without a build step,
// so `npx tokencert` works straight after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
