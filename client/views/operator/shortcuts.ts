// The desk's keyboard shortcuts: one table drives both the key handling and the `?` overlay,
// so what the overlay lists is what the keys do.
export type ShortcutAction = 'help' | 'close' | 'line-all' | 'line-112' | 'line-119' | 'focus-kecamatan' | 'ack-newest';

export interface Shortcut {
  /** What the overlay shows for the key. */
  keys: readonly string[];
  action: ShortcutAction;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['1'], action: 'line-112' },
  { keys: ['2'], action: 'line-119' },
  { keys: ['0'], action: 'line-all' },
  { keys: ['/'], action: 'focus-kecamatan' },
  { keys: ['a'], action: 'ack-newest' },
  { keys: ['?'], action: 'help' },
  { keys: ['Esc'], action: 'close' },
];

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The key went to a text field or a list: typing there must not trigger shortcuts. */
  inField: boolean;
}

/** The action a key press asks for, or null. Esc works everywhere, the rest only outside fields. */
export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.key === 'Escape') return 'close';
  if (press.ctrlKey || press.metaKey || press.altKey || press.inField) return null;
  switch (press.key) {
    case '?':
      return 'help';
    case '1':
      return 'line-112';
    case '2':
      return 'line-119';
    case '0':
      return 'line-all';
    case '/':
      return 'focus-kecamatan';
    case 'a':
    case 'A':
      return 'ack-newest';
    default:
      return null;
  }
}

/** True for elements that take typed keys (inputs, selects, text areas, editable content). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName);
}
