/** A parsed SSE event (test helper): its `event:` name and its data, JSON-parsed when it is JSON. */
export interface ParsedEvent {
  event?: string;
  data: unknown;
}

/** Posts JSON to a running reference provider and returns status, headers and the body (JSON when it parses). Test helper. */
export async function postJson(
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string; json: any }> {
  const r = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await r.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, headers: r.headers, text, json };
}

/** Splits an SSE body into events (test helper); data that is not JSON (e.g. `[DONE]`) stays a string. */
export function parseSseEvents(text: string): ParsedEvent[] {
  return text
    .split('\n\n')
    .filter((b) => b.trim() !== '')
    .map((block) => {
      const out: ParsedEvent = { data: undefined };
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) out.event = line.slice(7);
        else if (line.startsWith('data: ')) {
          const d = line.slice(6);
          try {
            out.data = JSON.parse(d);
          } catch {
            out.data = d;
          }
        }
      }
      return out;
    });
}
