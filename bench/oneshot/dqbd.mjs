// One-shot count with @dqbd/tiktoken (argv: encoding, text), as a user script would do it.
import { get_encoding } from '@dqbd/tiktoken';

const enc = get_encoding(process.argv[2]);
console.log(enc.encode_ordinary(process.argv[3]).length);
