/**
 * Where an audit worker thread starts. Compiled (dist/, what the package ships and bin/ runs) the
 * worker is plain JavaScript and starts directly; from the TypeScript sources (tests, `node --import
 * tsx`) it starts through auditWorkerEntry.mjs, which registers tsx in the new thread first.
 */
export function workerEntryUrl(): URL {
  const compiled = import.meta.url.endsWith('.js');
  return new URL(compiled ? './auditWorker.js' : './auditWorkerEntry.mjs', import.meta.url);
}
