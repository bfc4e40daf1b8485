// Property tests run with one fixed seed by default so a CI run is reproducible; a counterexample
// found with FC_SEED=random (or any other seed) is then pinned as an explicit test case.
import fc from 'fast-check';

const env = process.env.FC_SEED;
const seed = env === undefined ? 20261128 : env === 'random' ? (Date.now() ^ Math.floor(Math.random() * 2 ** 31)) | 0 : Number(env);
if (env !== undefined) console.log(`fast-check seed ${seed}`);
fc.configureGlobal({ seed });
