// Entry of an audit worker thread: registers tsx's loader in this thread (as bin/tokencert.mjs does
// for the main thread), then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./auditWorker.ts');
