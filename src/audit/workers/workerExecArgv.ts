/**
 * Options that shape how a worker loads its code, kept when the options must be listed: module
 * loaders and hooks (`--import tsx`), conditions, source maps, warnings, experimental features.
 */
const KEPT_WITH_VALUE = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader', '--conditions', '-C']);
const KEPT = /^(--(import|require|loader|experimental-loader|conditions|disable-warning)=|--enable-source-maps$|--no-warnings$|--(no-)?experimental-)/;

/**
 * The Node options an audit worker starts with; undefined to inherit the process's own.
 *
 * Inherited is best: Node copies the options as the process parsed them, V8 flags such as
 * `--max-old-space-size` or `--stack-size` included. An explicit list is parsed anew, and Node
 * refuses one that names a V8 or process-wide flag (ERR_WORKER_INVALID_EXEC_ARGV), so
 * `node --max-old-space-size=4096 tokencert audit --workers 2` failed. Only a `node
 * --input-type=module -e` caller needs a list, since a worker started from a file refuses
 * `--input-type` (ERR_INPUT_TYPE_NOT_ALLOWED): that list keeps only the loading options above,
 * and drops the eval code and every flag a worker cannot take.
 */
export function workerExecArgv(execArgv: readonly string[] = process.execArgv): string[] | undefined {
  if (!execArgv.some((a) => a === '--input-type' || a.startsWith('--input-type='))) return undefined;
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i];
    if (KEPT_WITH_VALUE.has(a) && i + 1 < execArgv.length) kept.push(a, execArgv[++i]);
    else if (KEPT.test(a)) kept.push(a);
    else if (a === '--input-type' || a === '-e' || a === '--eval' || a === '-p' || a === '--print') i++; // and its value
  }
  return kept;
}
