import type { FastifyRequest } from 'fastify';

/**
 * How a request appears in fastify's "incoming request" lines. Bodies and headers are never logged; the
 * tracking page's token (it opens a customer's order to anyone holding it) and query values (search
 * words: names, phone numbers) are left out of the URL. Phone numbers elsewhere in a path are masked by
 * the logger itself.
 */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    remoteAddress: request.ip,
  };
}

/** `/track/<token>` → `/track/[token]`, `?q=budi&page=2` → `?q=…&page=…`. */
export function redactUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  const safePath = path.replace(/^\/track\/[^/]+/, '/track/[token]');
  if (query === undefined) return safePath;
  const keys = query
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=', 1)[0]}=…`);
  return `${safePath}?${keys.join('&')}`;
}
