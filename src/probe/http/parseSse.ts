// The SSE parser moved to src/io (the reference gateway reads upstream streams with it too); this
// re-export keeps the probe's imports stable.
export { parseSse, sseJson, type SseEvent, type SseResult } from '../../io/parseSse.js';
