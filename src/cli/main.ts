import { isTokencertError, UsageError } from '../errors/errors.js';
import { editDistance, nearestNames } from '../pricing/nearestNames.js';
import type { CliIo, Command } from './command.js';
import { consoleSafeIo } from './consoleSafe.js';
import { type ParsedArgs, parseFlags } from './flags.js';
import { commands } from './registry.js';

/** The real process streams and environment. */
export const processIo: CliIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  env: process.env,
  isTTY: Boolean(process.stderr.isTTY),
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((k) => k.length));
  const lines = Object.entries(commands).map(([k, c]) => `  ${k.padEnd(width)}  ${c.summary}`);
  return [
    'tokencert — conformance suite for token measurement, pricing and settlement',
    '',
    'Usage: tokencert <command> [options]    (tokencert help <command> for its options)',
    '       tokencert --version                 (the tool, spec and vectors versions)',
    '',
    'Commands:',
    ...lines,
    '',
    'Exit codes: 0 passed, 1 a verdict failed, 2 usage or input error, 70 a bug in tokencert.',
    'Reference: docs/cli.md in the package (generated from these help texts).',
    '',
  ].join('\n');
}

/** Finds the longest registered command whose words start argv. */
function match(argv: string[]): { key: string; rest: string[] } | undefined {
  for (let n = Math.min(3, argv.length); n >= 1; n--) {
    const key = argv.slice(0, n).join(' ');
    if (key in commands) return { key, rest: argv.slice(n) };
  }
  return undefined;
}

/** The message for words that name no command, with the nearest command names as hints. */
function unknownCommand(argv: string[]): string {
  const word = argv[0].startsWith('-') ? argv[0] : argv.slice(0, 2).join(' ');
  // Only near misses are suggested: a typo, not any command at all.
  const near = nearestNames(word, Object.keys(commands), 2)
    .filter((n) => editDistance(word, n) <= Math.max(2, Math.floor(word.length / 3)))
    .map((n) => `"${n}"`);
  const what = argv[0].startsWith('-') ? `unknown option "${argv[0]}" before any command` : `unknown command "${argv[0]}"`;
  return near.length
    ? `${what}; did you mean ${near.join(' or ')}? ("tokencert --help" lists every command)`
    : `${what}; "tokencert --help" lists every command`;
}

/**
 * Rewrites node:util's argument errors (which quote unevenly and talk about positionals) into one
 * line that names the flag and lists the command's flags.
 */
function argumentProblem(e: unknown, cmd: Command): string {
  if (!(e instanceof Error)) return String(e);
  const code = 'code' in e ? e.code : undefined;
  const flags = Object.keys(cmd.options).map((o) => `--${o}`);
  const quoted = /'(-[^']*)'/.exec(e.message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted) {
    const bare = quoted.replace(/^-+/, '');
    const near = nearestNames(bare, Object.keys(cmd.options), 1).filter((o) => editDistance(bare, o) <= 3);
    const hint = near.length ? ` (did you mean --${near[0]}?)` : '';
    return `unknown option ${quoted}${hint}; options: ${flags.join(', ')}`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const arg = /'([^']*)'/.exec(e.message)?.[1] ?? '';
    return `unexpected argument "${arg}": this command takes only options (${flags.join(', ')})`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && quoted) {
    const name = quoted.replace(/^-+/, '').split(/[ =]/)[0];
    const def = cmd.options[name];
    return def?.type === 'boolean' ? `--${name} is a switch and takes no value` : `--${name} needs a value (--${name} VALUE)`;
  }
  return e.message.split('\n')[0];
}

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code.
 * Only this function's caller calls process.exit; user errors print one line, never a stack trace.
 */
export async function runCli(argv: string[], rawIo: CliIo = processIo): Promise<number> {
  // Everything printed passes through one filter: a server's or a file's text cannot drive the terminal (TMS-C-015).
  const io = consoleSafeIo(rawIo);
  try {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
      io.out(help());
      return argv.length === 0 ? 2 : 0;
    }
    if (argv[0] === '--version') {
      io.out(`${(await import('../version.js')).toolVersion}\n`);
      return 0;
    }
    if (argv[0] === 'help') {
      const m = match(argv.slice(1));
      if (!m) {
        io.out(help());
        return 0;
      }
      io.out(`${(await commands[m.key].load()).usage.trimEnd()}\n`);
      return 0;
    }
    const m = match(argv);
    if (!m) throw new UsageError(unknownCommand(argv));
    const cmd = await commands[m.key].load();
    if (m.rest.includes('--help') || m.rest.includes('-h')) {
      io.out(`${cmd.usage.trimEnd()}\n`);
      return 0;
    }
    let parsed: ParsedArgs;
    try {
      parsed = parseFlags(cmd.options, m.rest, cmd.allowPositionals ?? false);
    } catch (e) {
      throw new UsageError(`${m.key}: ${argumentProblem(e, cmd)}`);
    }
    return await cmd.run(parsed, io);
  } catch (e) {
    if (isTokencertError(e)) {
      // One line, whatever line breaks a message quotes from its input.
      io.err(`tokencert: ${e.toLine().replace(/\r?\n/g, '\\n')}\n`);
      // One hint, and only where the message does not already point at the help.
      if (e.code === 'usage' && !/--help|tokencert help/.test(e.message)) io.err('Run "tokencert --help" for usage.\n');
      return e.exitCode;
    }
    // A bug in tokencert: still one readable message; the stack only on request.
    const message = e instanceof Error ? e.message : String(e);
    io.err(`tokencert: internal error: ${message.replace(/\r?\n/g, '\\n')} [internal]\n`);
    if (io.env.TOKENCERT_DEBUG) io.err(`${e instanceof Error ? (e.stack ?? '') : ''}\n`);
    else io.err('This is a bug in tokencert; set TOKENCERT_DEBUG=1 for details and report it.\n');
    return 70;
  }
}
