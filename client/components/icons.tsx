// Bundled inline icons: a wall may have no internet, and system emoji differ by machine.
// Each icon backs a word or a colour, so shape alone tells the state to a colour-blind reader.
interface IconProps {
  title?: string;
}

const box = { width: '1em', height: '1em', viewBox: '0 0 24 24', 'aria-hidden': true, focusable: false } as const;

/** Triangle with "!": warning. */
export function WarningIcon({ title }: IconProps) {
  return (
    <svg {...box} className="icon icon-warning">
      {title ? <title>{title}</title> : null}
      <path d="M12 2 23 21H1Z" fill="currentColor" />
      <path d="M11 8h2v7h-2zM11 17h2v2h-2z" fill="var(--icon-cut, #000)" />
    </svg>
  );
}

/** Octagon with "!": critical. */
export function CriticalIcon({ title }: IconProps) {
  return (
    <svg {...box} className="icon icon-critical">
      {title ? <title>{title}</title> : null}
      <path d="M7.5 1h9L23 7.5v9L16.5 23h-9L1 16.5v-9Z" fill="currentColor" />
      <path d="M11 5h2v9h-2zM11 16h2v3h-2z" fill="var(--icon-cut, #000)" />
    </svg>
  );
}

/** Filled dot: live. */
export function DotIcon() {
  return (
    <svg {...box} className="icon icon-dot">
      <circle cx="12" cy="12" r="6" fill="currentColor" />
    </svg>
  );
}

/** A circular arrow turning back: a replay of the past (never the live dot). */
export function ReplayIcon() {
  return (
    <svg {...box} className="icon icon-replay">
      <path d="M12 4a8 8 0 1 1-7.4 5H7a6 6 0 1 0 5-3v3L7 5l5-4Z" fill="currentColor" />
      <path d="M10 9.5v5l4-2.5Z" fill="currentColor" />
    </svg>
  );
}
