// Writes vectors/MANIFEST.json: the sha256 of every file under vectors/. Run after gen-vectors.
import { writeFileSync } from 'node:fs';
import { buildManifest } from '../src/vectors/manifest.js';
import { fromRoot } from '../src/paths.js';
import { specVersion } from '../src/version.js';

const manifest = buildManifest(fromRoot('vectors'), specVersion);
writeFileSync(fromRoot('vectors', 'MANIFEST.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`MANIFEST.json: ${Object.keys(manifest.files).length} files`);
