/** JSON over HTTP to the gateway's REST API, with the tenant API key as a bearer token. */

/** A REST call that answered with an error body `{"error": {"code", "message"}}`. */
export class GatewayHttpError extends Error {
  override readonly name = 'GatewayHttpError' as const;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface JsonRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  apiKey?: string;
  body?: unknown;
}

export async function requestJson<T>(path: string, { method = 'GET', apiKey, body }: JsonRequest = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (apiKey !== undefined) headers.authorization = `Bearer ${apiKey}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const parsed: unknown = text === '' ? undefined : JSON.parse(text);
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new GatewayHttpError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `${method} ${path} answered ${response.status}`,
    );
  }
  return parsed as T;
}
