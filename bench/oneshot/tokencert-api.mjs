// One-shot count with tokencert's compiled public API (argv: encoding, text).
import { countText } from '../../dist/index.js';

console.log(countText(process.argv[2], process.argv[3]));
