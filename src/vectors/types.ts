/** One test of a vector file: stable id, comment, flags, result class, plus kind-specific fields. */
export interface VectorTest {
  readonly tc_id: number;
  readonly comment: string;
  readonly flags: readonly string[];
  readonly result: 'valid' | 'invalid' | 'acceptable';
  readonly [field: string]: unknown;
}

/** A group of tests sharing kind-specific parameters (e.g. the encoding). */
export interface VectorGroup {
  readonly tests: readonly VectorTest[];
  readonly [field: string]: unknown;
}

/** A whole vector file (header plus groups), as described by schemas/vector-file.json. */
export interface VectorFile {
  readonly schema: string;
  readonly spec_version: string;
  readonly kind: string;
  readonly source: { readonly name: string; readonly version: string; readonly reference: readonly string[] };
  readonly requirements: readonly string[];
  readonly number_of_tests: number;
  readonly notes: Readonly<Record<string, { readonly description: string; readonly bug_type?: string }>>;
  readonly header?: readonly string[];
  readonly test_groups: readonly VectorGroup[];
}

/** The outcome of running one vector against the reference implementation. */
export type VectorOutcome =
  | { readonly status: 'pass' }
  | { readonly status: 'fail'; readonly message: string; readonly expected?: unknown; readonly observed?: unknown };

/** Runs the tests of one vector kind against the reference implementation. */
export interface VectorRunner {
  /** The `kind` value of the files this runner handles. */
  readonly kind: string;
  /** Runs one test; must never throw for a malformed test (return a fail instead). */
  run(test: VectorTest, group: VectorGroup, file: VectorFile): VectorOutcome | Promise<VectorOutcome>;
}
