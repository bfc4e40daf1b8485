/** Where the scanner stopped: the offset of the first character that cannot continue the JSON text. */
class SyntaxAt {
  constructor(readonly offset: number) {}
}

/** A recursive-descent scanner of one JSON text (RFC 8259); it builds nothing, it only finds the first error. */
class JsonScanner {
  #i = 0;

  constructor(private readonly text: string) {}

  /** Scans the whole text; throws SyntaxAt at the first error. */
  document(): void {
    this.value();
    this.ws();
    if (this.#i < this.text.length) this.fail();
  }

  private fail(): never {
    throw new SyntaxAt(this.#i);
  }

  private ws(): void {
    const t = this.text;
    while (this.#i < t.length && (t[this.#i] === ' ' || t[this.#i] === '\t' || t[this.#i] === '\n' || t[this.#i] === '\r')) this.#i++;
  }

  private literal(word: string): void {
    if (this.text.startsWith(word, this.#i)) this.#i += word.length;
    else this.fail();
  }

  private string(): void {
    const t = this.text;
    this.#i++; // opening quote
    while (this.#i < t.length) {
      const c = t.charCodeAt(this.#i);
      if (c === 0x22) return void this.#i++;
      if (c < 0x20) this.fail();
      if (c === 0x5c) {
        const e = t[this.#i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(this.#i + 2, this.#i + 6))) this.fail();
          this.#i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) this.#i += 2;
        else this.fail();
      } else this.#i++;
    }
    this.fail();
  }

  private number(): void {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.#i, this.#i + 400));
    if (!m || m[0].length === 0) this.fail();
    this.#i += m[0].length;
  }

  private object(): void {
    const t = this.text;
    this.#i++;
    this.ws();
    if (t[this.#i] === '}') return void this.#i++;
    for (;;) {
      this.ws();
      if (t[this.#i] !== '"') this.fail();
      this.string();
      this.ws();
      if (t[this.#i] !== ':') this.fail();
      this.#i++;
      this.value();
      this.ws();
      if (t[this.#i] === ',') this.#i++;
      else if (t[this.#i] === '}') return void this.#i++;
      else this.fail();
    }
  }

  private array(): void {
    const t = this.text;
    this.#i++;
    this.ws();
    if (t[this.#i] === ']') return void this.#i++;
    for (;;) {
      this.value();
      this.ws();
      if (t[this.#i] === ',') this.#i++;
      else if (t[this.#i] === ']') return void this.#i++;
      else this.fail();
    }
  }

  private value(): void {
    this.ws();
    const c = this.text[this.#i];
    if (c === '{') this.object();
    else if (c === '[') this.array();
    else if (c === '"') this.string();
    else if (c === 't') this.literal('true');
    else if (c === 'f') this.literal('false');
    else if (c === 'n') this.literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
    else this.fail();
  }
}

/**
 * Finds the offset of the first JSON syntax error in `text` with a small recursive-descent scanner.
 * Used only after JSON.parse has failed, because V8 omits the position for some errors
 * ("Unexpected token … is not valid JSON") and an error without a place is no use to a user.
 * Returns -1 when the scanner finds no error (then JSON.parse's own message stands), and also when
 * nesting too deep for the scanner's stack ends the scan (RangeError) before an error is found.
 */
export function jsonErrorOffset(text: string): number {
  try {
    new JsonScanner(text).document();
    return -1;
  } catch (e) {
    if (e instanceof SyntaxAt) return e.offset;
    return -1;
  }
}
