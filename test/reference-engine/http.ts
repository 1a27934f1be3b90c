/** Small HTTP helpers for the reference-engine tests. */

export interface JsonAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export async function post(baseUrl: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<JsonAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return answer(response);
}

export async function get(baseUrl: string, path: string): Promise<JsonAnswer> {
  return answer(await fetch(`${baseUrl}${path}`));
}

async function answer(response: Response): Promise<JsonAnswer> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** The raw SSE body and its `data:` payloads, in order. */
export async function postStream(baseUrl: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const raw = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), raw, data: dataLines(raw) };
}

export function dataLines(raw: string): string[] {
  return raw
    .split('\n\n')
    .filter((event) => event.length > 0)
    .map((event) => {
      if (!event.startsWith('data: ')) throw new Error(`not an SSE data event: ${JSON.stringify(event)}`);
      return event.slice('data: '.length);
    });
}

/** Reads a response body to its end or to a dropped connection, whichever comes first. */
export async function readUntilClosed(response: Response): Promise<{ raw: string; dropped: boolean }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let raw = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { raw, dropped: false };
      raw += decoder.decode(value, { stream: true });
    }
  } catch {
    return { raw, dropped: true };
  }
}
