import { readFileSync } from 'node:fs';
import { fromRoot } from './paths.js';

/** tokencert's own version, from package.json. */
export const toolVersion: string = (JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }).version;

/** Version of the spec this build implements. */
export const specVersion = '0.1.0';

/** The `tms_version` every record this build writes carries. */
export const tmsVersion = specVersion;
