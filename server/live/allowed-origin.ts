// Which browser origins may open a Socket.IO connection. Browsers send `Origin` on every
// WebSocket and cross-site request, and nothing stops another site's page from opening a
// socket to us (CORS headers only stop it from reading polling answers). So a foreign Origin is
// refused outright, on both transports, unless PANTAU_CORS_ORIGINS lists it; the same origin is
// allowed, and so is no Origin at all (not a browser: the kiosk wrapper, tests, scripts).

/** The serialised origin of a URL (`https://a.example`), or null when it has none. */
function originOf(value: string): string | null {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * @param origin the request's Origin header
 * @param hosts the Host header, and X-Forwarded-Host when a loopback proxy sent the request
 *   (a proxy that rewrites Host would otherwise make every browser look foreign)
 * @param allowed PANTAU_CORS_ORIGINS
 */
export function isAllowedOrigin(origin: string | undefined, hosts: readonly (string | undefined)[], allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  const parsed = originOf(origin);
  // `Origin: null` (sandboxed frames, file: pages) is never same-origin.
  if (parsed === null) return false;
  if (allowed.some((a) => originOf(a) === parsed)) return true;
  const host = new URL(parsed).host;
  return hosts.some((h) => h !== undefined && h.toLowerCase() === host);
}
