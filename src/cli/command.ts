import type { ParseArgsConfig } from 'node:util';

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

/** Parsed command-line values: flags by name plus positional arguments. */
export interface ParsedArgs {
  readonly values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  readonly positionals: string[];
}

/** One CLI command: its words, help text, flag definitions and the function that runs it. */
export interface Command {
  /** The command's words, e.g. `count` or `vectors verify`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Usage text shown by `tokencert help <command>` and on usage errors. */
  readonly usage: string;
  /** Flag definitions for node:util parseArgs. */
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Whether positional arguments are accepted. */
  readonly allowPositionals?: boolean;
  /** Runs the command; returns the exit code (0 pass, 1 failed verdict). Errors are thrown as TokencertError. */
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}
