/**
 * Which web pages may use the gateway from a browser: open the WebSocket, and read HTTP API responses (CORS).
 * Requests without an Origin header come from servers and native clients, not pages, and are not concerned.
 */
export interface OriginPolicy {
  /** May a page of `origin` open a WebSocket? The gateway's own pages (its public origin) always may. */
  allows(origin: string | undefined): boolean;
  /** May a page of `origin` read API responses (answered with CORS headers)? */
  allowsCrossOrigin(origin: string): boolean;
  /** For documentation and logs: `*`, or the listed origins. */
  describe(): string;
}

/**
 * `allowed` lists origins such as `https://crm.example.com`, or `*` for any. Without a list, embedded mode allows any
 * origin (a laptop demo) and production mode allows only the gateway's own origins (the console). `ownOrigins` are
 * the origins the gateway is reached at (its public URL), known once it listens; never the request's `Host`, which
 * the page's own server may name freely.
 */
export function originPolicy(allowed: readonly string[] | undefined, embedded: boolean, ownOrigins: () => readonly string[]): OriginPolicy {
  const any = allowed === undefined ? embedded : allowed.includes('*');
  const listed = new Set((allowed ?? []).filter((entry) => entry !== '*').map((entry) => normalizedOrigin(entry, 'allowedOrigins')));
  return {
    allows(origin) {
      if (origin === undefined || any) return true;
      const normalized = origin.toLowerCase();
      return listed.has(normalized) || ownOrigins().includes(normalized);
    },
    allowsCrossOrigin: (origin) => any || listed.has(origin.toLowerCase()),
    describe: () => (any ? '*' : [...listed].join(',') || '(same origin only)'),
  };
}

/**
 * The gateway's own origins: the configured public URL, or else the address it listens on (with `localhost` for the
 * loopback address, as a browser on the same machine names it).
 */
export function ownOriginsOf(publicUrl: string | undefined, host: string, port: number): string[] {
  if (publicUrl !== undefined) return [normalizedOrigin(publicUrl.replace(/\/+$/, ''), 'publicUrl')];
  if (host === '0.0.0.0' || host === '::') return [];
  const listened = `http://${host.includes(':') ? `[${host}]` : host}:${port}`.toLowerCase();
  return host === '127.0.0.1' || host === 'localhost' ? [`http://127.0.0.1:${port}`, `http://localhost:${port}`] : [listened];
}

function normalizedOrigin(entry: string, setting: string): string {
  let url: URL;
  try {
    url = new URL(entry.trim());
  } catch {
    throw new Error(`${setting}: "${entry}" is not an origin such as https://crm.example.com`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname.length > 1 || url.search || url.hash) {
    throw new Error(`${setting}: "${entry}" is not an origin such as https://crm.example.com`);
  }
  return url.origin.toLowerCase();
}
