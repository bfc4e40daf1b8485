/**
 * Reads a byte stream (a request, a response body, standard input) to its end as one Buffer, and
 * throws `tooLarge(size)` as soon as more than `max` bytes have arrived, so a hostile or runaway
 * sender cannot exhaust memory.
 */
export async function readBounded(stream: AsyncIterable<unknown>, max: number, tooLarge: (size: number) => Error): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    // Streams without an encoding yield Buffers; a string chunk means someone set one.
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += bytes.length;
    if (size > max) throw tooLarge(size);
    parts.push(bytes);
  }
  return Buffer.concat(parts);
}
