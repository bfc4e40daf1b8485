// One-shot count with gpt-tokenizer (argv: encoding, text), as a user script would do it.
const { countTokens } = await import(`gpt-tokenizer/encoding/${process.argv[2]}`);
console.log(countTokens(process.argv[3]));
