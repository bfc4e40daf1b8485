import { InputError, type Location } from '../../errors/errors.js';
import type { MeasurementRecord } from '../../schemas/types.gen.js';
import type { DeclaredConvention } from '../../measure/usageConventions.js';
import { normaliseLine } from './normaliseLine.js';

/**
 * The measurement record a usage line stands for (TMS-A-013): a tokencert record as it is, a
 * provider-native line derived exactly as the auditor derives it (one function, normaliseLine,
 * for `audit`, `records from-native` and `settle`), so a provider settling from these records and
 * an auditor reading the native log commit to the same digests (TMS-A-014, TMS-S-022).
 * A line that is neither is an InputError naming file, line and pointer (TMS-C-001).
 */
export function deriveRecord(value: unknown, where: Location, convention?: DeclaredConvention): MeasurementRecord {
  return deriveRecords(value, where, convention)[0];
}

/**
 * Every record a usage line stands for: its own, then the records of other models' iterations
 * (Anthropic advisor and fallback hops bill as those models, TMS-M-057), read under `convention`.
 */
export function deriveRecords(value: unknown, where: Location, convention?: DeclaredConvention): MeasurementRecord[] {
  const n = normaliseLine(value, convention);
  if (!n.ok) throw new InputError('input-invalid', n.message, { ...where, pointer: n.pointer });
  return [n.record, ...(n.companions ?? [])];
}

/** True for a JSON object that is not a tokencert record (it has no tms_version): a native line to derive. */
export function isNativeLine(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !('tms_version' in value);
}
