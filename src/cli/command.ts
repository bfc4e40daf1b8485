import type { FlagSpecs, ParsedArgs } from './flags.js';

/** Where a command writes: injected so tests can capture output without spawning a process. */
export interface CliIo {
  /** Writes to standard output (a newline is not added). */
  out(text: string): void;
  /** Writes to standard error (a newline is not added). */
  err(text: string): void;
  /** Environment variables (for API keys named by the user; never printed). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** True when standard error is a terminal (progress bars only then). */
  readonly isTTY: boolean;
}

/** One CLI command: its words, help text, flag declarations and the function that runs it (values typed by the declarations). */
export interface Command<O extends FlagSpecs = FlagSpecs> {
  /** The command's words, e.g. `count` or `vectors verify`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Usage text shown by `tokencert help <command>` and on usage errors. */
  readonly usage: string;
  /** Flag declarations for node:util parseArgs; `run` receives their values typed from them. */
  readonly options: O;
  /** Whether positional arguments are accepted. */
  readonly allowPositionals?: boolean;
  /** Runs the command; returns the exit code (0 pass, 1 failed verdict). Errors are thrown as TokencertError. */
  run(args: ParsedArgs<O>, io: CliIo): Promise<number>;
}

/**
 * Declares a command: its flag declarations are read once, as literal types, so `run` gets each
 * value as string, boolean or string[] without a cast.
 */
export function defineCommand<const O extends FlagSpecs>(command: Command<O>): Command<O> {
  return command;
}
