// A local fake transport for the usage adapters (TMS-H-004): every request a library makes is
// answered with the current case's native response body, and nothing reaches the network. It is
// passed to the library's own `fetch` option where it has one, and installed as globalThis.fetch
// as well, so a library that uses the global cannot escape it.

let body: unknown;
/** URLs requested during the current case (evidence that the library really went through fetch). */
export const requested: string[] = [];

/** Sets the response body the next requests get. */
export function respondWith(next: unknown): void {
  body = next;
  requested.length = 0;
}

/** The fake fetch: always 200 with the current body as JSON. */
export const fakeFetch = async (input: string | URL | Request, _init?: RequestInit): Promise<Response> => {
  requested.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
};

globalThis.fetch = fakeFetch as typeof fetch;

/** Adds `v` to `cells[key]`, keeping a negative result: it shows the library's fields contradict each other. */
export function put(cells: Record<string, number>, key: string, v: number | undefined): void {
  if (v === undefined || v === 0 || Number.isNaN(v)) return;
  cells[key] = (cells[key] ?? 0) + v;
}
