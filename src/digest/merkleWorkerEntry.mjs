// Entry of a merkleTreeOf thread when running from the TypeScript sources (tests, node --import
// tsx): registers tsx's loader in this thread, then loads the TypeScript worker. Compiled code skips it.
import { register } from 'tsx/esm/api';

register();
await import('./merkleWorker.ts');
