/**
 * Talking to the console server: JSON in and out, the CSRF token on every change, failures as
 * `ApiError` with the server's `{error, details}`, and polling that re-renders only when the data
 * changed (the server answers 304 to a matching `If-None-Match`).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly details: string,
  ) {
    super(details);
  }
}

let csrfToken = '';

/** Remembered from the session so every state-changing request carries it. */
export function useCsrfToken(token: string): void {
  csrfToken = token;
}

/** Fired on the window when the server says the session is gone, so the shell shows the login. */
export const SIGNED_OUT_EVENT = 'pesanin-signed-out';

async function failure(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof fields.error === 'string' ? fields.error : `HTTP ${response.status}`;
  const details = typeof fields.details === 'string' ? fields.details : response.statusText;
  if (code === 'AUTH.REQUIRED') {
    window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  }
  return new ApiError(response.status, code, details);
}

/** One request; the body is sent as JSON, or as is when it is FormData (uploads). */
export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(url, { method, headers, body: payload ?? null, credentials: 'same-origin' });
  if (!response.ok) throw await failure(response);
  return (response.status === 204 ? null : await response.json()) as T;
}

export const get = <T>(url: string) => api<T>('GET', url);
export const post = <T>(url: string, body: unknown = {}) => api<T>('POST', url, body);

/**
 * Polls `url` every `everyMs` while the page is visible and calls `onData` when the answer changed.
 * Returns a function that stops it. Why polling: change streams need a replica set, which neither a
 * small VPS's standalone mongod nor the test server has; a conditional GET that usually answers 304
 * costs the server one query and the network a few hundred bytes.
 */
export function poll<T>(
  url: string,
  onData: (data: T) => void,
  onError: (error: unknown) => void,
  everyMs = 10_000,
): () => void {
  let etag = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    if (document.visibilityState !== 'hidden') {
      try {
        const headers: Record<string, string> = etag ? { 'if-none-match': etag } : {};
        // no-store: the browser must not answer from its cache, so a 304 reaches us as a 304.
        const response = await fetch(url, { headers, cache: 'no-store', credentials: 'same-origin' });
        if (response.status !== 304) {
          if (!response.ok) throw await failure(response);
          etag = response.headers.get('etag') ?? '';
          if (!stopped) onData((await response.json()) as T);
        }
      } catch (error) {
        if (!stopped) onError(error);
      }
    }
    if (!stopped) timer = setTimeout(tick, everyMs);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
