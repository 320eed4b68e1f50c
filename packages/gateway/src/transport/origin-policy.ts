/**
 * Which web pages may use the gateway from a browser: open the WebSocket, and read HTTP API responses (CORS).
 * Requests without an Origin header come from servers and native clients, not pages, and are not concerned.
 */
export interface OriginPolicy {
  /** May a page of `origin` open a WebSocket? Its own origin (same host as `host`) always may. */
  allows(origin: string | undefined, host: string | undefined): boolean;
  /** May a page of `origin` read API responses (answered with CORS headers)? */
  allowsCrossOrigin(origin: string): boolean;
  /** For documentation and logs: `*`, or the listed origins. */
  describe(): string;
}

/**
 * `allowed` lists origins such as `https://crm.example.com`, or `*` for any. Without a list, embedded mode allows any
 * origin (a laptop demo) and production mode allows only the gateway's own origin (the console).
 */
export function originPolicy(allowed: readonly string[] | undefined, embedded: boolean): OriginPolicy {
  const any = allowed === undefined ? embedded : allowed.includes('*');
  const listed = new Set((allowed ?? []).filter((entry) => entry !== '*').map(normalizedOrigin));
  return {
    allows(origin, host) {
      if (origin === undefined || any || listed.has(origin.toLowerCase())) return true;
      return host !== undefined && hostOf(origin) === host.toLowerCase();
    },
    allowsCrossOrigin: (origin) => any || listed.has(origin.toLowerCase()),
    describe: () => (any ? '*' : [...listed].join(',') || '(same origin only)'),
  };
}

function normalizedOrigin(entry: string): string {
  let url: URL;
  try {
    url = new URL(entry.trim());
  } catch {
    throw new Error(`allowedOrigins: "${entry}" is not an origin such as https://crm.example.com`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname.length > 1 || url.search || url.hash) {
    throw new Error(`allowedOrigins: "${entry}" is not an origin such as https://crm.example.com`);
  }
  return url.origin.toLowerCase();
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}
