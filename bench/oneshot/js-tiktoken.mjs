// One-shot count with js-tiktoken (argv: encoding, text), as a user script would do it.
import { getEncoding } from 'js-tiktoken';

console.log(getEncoding(process.argv[2]).encode(process.argv[3]).length);
