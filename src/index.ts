// The public API of tokencert, listed by hand. Internals are not exported.
// Values and types are exported apart (`export {…}` / `export type {…}`).

// Errors and results
export { TokencertError, UsageError, InputError, VerdictError, InternalError, isTokencertError, formatLocation } from './errors/errors.js';
export type { ErrorCode, Location } from './errors/errors.js';

// Digests, Merkle commitments
export { canonicalJson } from './digest/canonicalJson.js';
export { sha256Hex, digestJson } from './digest/sha256.js';
export { merkleRoot, inclusionProof, verifyInclusion, leafHash } from './digest/merkle.js';

// The spec and the schemas
export { loadSpec, findRequirement } from './spec/loadSpec.js';
export type { Spec, Requirement, ConformanceClass, ConformanceLevel } from './spec/types.js';
export { safeValidate, validate, schemaNames } from './schemas/registry.js';
export type { SchemaIssue, SchemaName, SchemaResult } from './schemas/registry.js';
export type { SchemaTypes } from './schemas/types.gen.js';
export type {
  MeasurementRecord,
  Usage,
  UsageCell,
  TokenizerDescriptor,
  Statement,
  LineItem,
  InclusionProof,
  Event,
  Report,
  TargetProfile,
  Suite,
  Discrepancy,
} from './schemas/types.gen.js';

// Measurement
export { getEncoding, encodingNames, isEncodingName } from './measure/encodings.js';
export type { EncodingName, Encoding, EncodeOptions } from './measure/encodings.js';
export { encodingForModel, safeEncodingForModel } from './measure/encodingForModel.js';
export { countText } from './measure/countText.js';
export { countChat } from './measure/countChat.js';
export type { ChatMessage, ChatRequest, ChatBreakdown } from './measure/countChat.js';
export { countTools } from './measure/countTools.js';
export type { ChatTool } from './measure/countTools.js';
export { chatProfiles, getChatProfile } from './measure/chatProfiles.js';
export type { ChatProfile } from './measure/chatProfiles.js';
export { imageTokens } from './measure/imageTokens.js';
export type { ImageInput, ImageCount } from './measure/imageTokens.js';
export { toCells, fromCells, usageApis, conventionVariants, conventionIds, resolveConvention } from './measure/usageConventions.js';
export type { UsageApi, ToCellsResult, OtherModelUsage, ConventionVariant, DeclaredConvention } from './measure/usageConventions.js';
export { mergeStreamUsage } from './measure/streamUsage.js';
export { cellKey, totalInput, totalOutput, totalTokens } from './measure/usageTotals.js';
export { buildMeasurementRecord } from './measure/buildRecord.js';
export type { MeasurementInput } from './measure/buildRecord.js';

// Money and pricing
export { Decimal } from './money/Decimal.js';
export { roundingModes, isRoundingMode } from './money/rounding.js';
export type { RoundingMode } from './money/rounding.js';
export { minorUnits, isKnownCurrency, currencyTableVersion } from './money/currencies.js';
export { loadPriceSheet } from './pricing/loadPriceSheet.js';
export { compilePriceSheet, safeCompilePriceSheet } from './pricing/compilePriceSheet.js';
export { priceUsage } from './pricing/priceUsage.js';
export type { PriceSheet, PriceResult, PriceLine, PriceQuery } from './pricing/types.js';

// Settlement
export { Settlement } from './settlement/Settlement.js';
export type { SettlementOptions } from './settlement/Settlement.js';
export { settleFiles } from './settlement/settleFiles.js';
export { settleValues } from './settlement/settleValues.js';
export { verifyStatement } from './settlement/verifyStatement.js';
export type { StatementVerification } from './settlement/verifyStatement.js';
export { signStatement, checkSignature } from './settlement/signature.js';
export { proveRecord, checkProof } from './settlement/inclusion.js';
export { recordDigest } from './settlement/recordDigest.js';

// Probe, reference provider, reports
export { runProbe } from './probe/runProbe.js';
export type { ProbeOptions, ProbeRun } from './probe/runProbe.js';
export { loadTarget } from './probe/loadTarget.js';
export { loadSuite } from './probe/loadSuite.js';
// loadSuite's result: the schema's Suite plus the digest and path of its file.
export type { LoadedSuite } from './probe/types.js';
export { startReferenceProvider } from './reference-provider/startReferenceProvider.js';
export type { ReferenceProviderOptions, RunningReferenceProvider } from './reference-provider/startReferenceProvider.js';
export { startReferenceGateway } from './gateway/startReferenceGateway.js';
export type { ReferenceGatewayOptions, RunningReferenceGateway } from './gateway/startReferenceGateway.js';
export { gatewayFaultNames } from './gateway/gatewayFaults.js';
export { runCertify } from './probe/gateway/runCertify.js';
export type { CertifyOptions, CertifyRun, FidelityRow, LaunchedGateway } from './probe/gateway/runCertify.js';
export { faults } from './reference-provider/faults.js';
export type { FaultMode } from './reference-provider/faults.js';
export { Reporter } from './report/Reporter.js';
export { writeReport } from './report/writeReport.js';

// Harness: other implementations run through the vectors as processes (spec part H)
export { runHarness } from './harness/runHarness.js';
export type { HarnessRunOptions } from './harness/runHarness.js';
export { resolveImplementation, shippedImplementations } from './harness/resolveImplementation.js';
export type { ImplementationRef } from './harness/resolveImplementation.js';
export { buildScoreboard } from './harness/buildScoreboard.js';
export { writeScoreboard } from './harness/writeScoreboard.js';
export { harnessCases } from './vectors/harness/harnessCases.js';
export type { HarnessCase, HarnessCaseOptions } from './vectors/harness/harnessCases.js';
export type { Scoreboard, HarnessRequest, HarnessResponse } from './schemas/types.gen.js';

// Vectors and the CLI
export { verifyVectors } from './vectors/verifyVectors.js';
export type { VectorFile, VectorGroup, VectorTest, VectorOutcome, VectorRunner } from './vectors/types.js';
export { runCli } from './cli/main.js';
export { toolVersion, specVersion } from './version.js';
