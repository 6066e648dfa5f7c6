// The viewer credential. Wall screens are set up once with `?token=` in their URL: it is
// kept in localStorage and taken out of the address bar, so it is not left on screen, in
// the history or in a screenshot. No credential means a demo viewer.
const KEY = 'pantau.token';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Some kiosk browsers throw on access to storage (private mode, disabled cookies).
    return null;
  }
}

export function readToken(): string | null {
  const token = storage()?.getItem(KEY) ?? null;
  return token && token.trim() !== '' ? token : null;
}

export function saveToken(token: string): void {
  storage()?.setItem(KEY, token.trim());
}

export function clearToken(): void {
  storage()?.removeItem(KEY);
}

/** Takes `?token=` out of a URL; returns the token (or null) and the cleaned URL. */
export function takeTokenFromUrl(href: string): { token: string | null; cleaned: string } {
  const url = new URL(href);
  const token = url.searchParams.get('token');
  url.searchParams.delete('token');
  return { token: token && token.trim() !== '' ? token.trim() : null, cleaned: url.pathname + url.search + url.hash };
}

/** Call once at start: stores a `?token=` and strips it from the address bar. */
export function captureTokenFromLocation(): void {
  const { token, cleaned } = takeTokenFromUrl(window.location.href);
  if (token === null) return;
  saveToken(token);
  window.history.replaceState(window.history.state, '', cleaned);
}
