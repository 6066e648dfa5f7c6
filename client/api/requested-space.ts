// The space a signed-in person asked to see (`?space=demo` in the address), read in one place so
// that the live connection and every HTTP read ask for the same one. The server decides: a
// visitor or a presenter only ever gets `demo`, whatever is asked.
import { Space } from '../../shared/contract/views.ts';

export function requestedSpace(search: string = typeof window === 'undefined' ? '' : window.location.search): Space | undefined {
  const parsed = Space.safeParse(new URLSearchParams(search).get('space'));
  return parsed.success ? parsed.data : undefined;
}

/** The same address asking for `space` (`live` is the default, so it drops the parameter). */
export function withSpace(href: string, space: Space): string {
  const url = new URL(href);
  if (space === 'live') url.searchParams.delete('space');
  else url.searchParams.set('space', space);
  return url.pathname + url.search + url.hash;
}

/** An API path with `space=demo` added when the page asked for the demo space. */
export function apiPathFor(path: string, space: Space | undefined = requestedSpace()): string {
  if (space !== 'demo' || /[?&]space=/.test(path)) return path;
  return `${path}${path.includes('?') ? '&' : '?'}space=demo`;
}
