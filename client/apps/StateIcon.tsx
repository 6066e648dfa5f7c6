// One shape per app state, so the state reads without colour: ✕ failing, a muted speaker
// (slashed circle) silent, ▲ spiking, ✓ normal, – idle. Inline SVG: a wall may be offline.
import type { AppState } from '../../shared/contract/views.ts';

const box = { width: '1em', height: '1em', viewBox: '0 0 24 24', 'aria-hidden': true, focusable: false } as const;

export function StateIcon({ state }: { state: AppState }) {
  switch (state) {
    case 'failing':
      return (
        <svg {...box} className="app-icon">
          <path d="M5 3 12 10 19 3 21 5 14 12 21 19 19 21 12 14 5 21 3 19 10 12 3 5Z" fill="currentColor" />
        </svg>
      );
    case 'silent':
      return (
        <svg {...box} className="app-icon">
          <circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" strokeWidth="3" />
          <path d="M5.5 3.5 20.5 18.5 18.5 20.5 3.5 5.5Z" fill="currentColor" />
        </svg>
      );
    case 'spiking':
      return (
        <svg {...box} className="app-icon">
          <path d="M12 2 22 20H2Z" fill="currentColor" />
        </svg>
      );
    case 'normal':
      return (
        <svg {...box} className="app-icon">
          <path d="M3 12.5 5.2 10.3 9.5 14.6 18.8 5.3 21 7.5 9.5 19Z" fill="currentColor" />
        </svg>
      );
    case 'idle':
      return (
        <svg {...box} className="app-icon">
          <path d="M5 10.5h14v3H5Z" fill="currentColor" />
        </svg>
      );
  }
}
