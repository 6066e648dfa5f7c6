import type { ChoroplethMode } from './choropleth.ts';
import type { CSSProperties } from 'react';
import type { MapText } from './labels.ts';

export interface ChoroplethToggleProps {
  text: MapText;
  value: ChoroplethMode;
  /** The modes this city can offer (choroplethModes). */
  modes: readonly ChoroplethMode[];
  onChange: (mode: ChoroplethMode) => void;
  style?: CSSProperties;
}

export function ChoroplethToggle({ text, value, modes, onChange, style }: ChoroplethToggleProps) {
  return (
    <div className="pm-toggle" role="group" aria-label={text('choropleth.title')} data-testid="choropleth-toggle" style={style}>
      {modes.map((mode) => (
        <button
          key={mode}
          type="button"
          data-mode={mode}
          aria-pressed={value === mode}
          onClick={() => onChange(mode)}
        >
          {text(`choropleth.${mode}`)}
        </button>
      ))}
    </div>
  );
}
