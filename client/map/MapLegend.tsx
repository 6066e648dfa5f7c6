// The map's key: priority colours with their digits, and the choropleth classes when shading
// is on. On the wall it is sized in vw so it reads from five metres at 1080p and 4K alike.
import type { ChoroplethMode, LegendClass } from './choropleth.ts';
import type { CSSProperties } from 'react';
import type { MapText } from './labels.ts';
import { priorityStyle } from './priority.ts';

export interface MapLegendProps {
  text: MapText;
  choropleth: ChoroplethMode;
  classes: readonly LegendClass[];
  noData: boolean;
  openCount: string;
  unplacedCount: string | null;
  style?: CSSProperties;
}

export function MapLegend({ text, choropleth, classes, noData, openCount, unplacedCount, style }: MapLegendProps) {
  return (
    <section className="pm-legend" data-testid="map-legend" aria-label={text('legend.priority')} style={style}>
      <p className="pm-legend-total">
        <span className="pm-num">{openCount}</span> {text('legend.open')}
        {unplacedCount !== null && (
          <span className="pm-legend-unplaced" data-testid="map-unplaced">
            {' · '}<span className="pm-num">{unplacedCount}</span> {text('legend.unplaced')}
          </span>
        )}
      </p>
      <div className="pm-legend-row">
        <span className="pm-legend-title">{text('legend.priority')}</span>
        {([1, 2, 3, 4] as const).map((p) => {
          const s = priorityStyle(p);
          return (
            <span key={p} className="pm-legend-prio" style={{ background: s.fill, color: s.ink }}>{s.digit}</span>
          );
        })}
      </div>
      {choropleth !== 'off' && (
        <div className="pm-legend-classes" data-testid="map-legend-classes">
          <span className="pm-legend-title">{text(choropleth === 'count' ? 'legend.count' : 'legend.per10k')}</span>
          <ul>
            {classes.map((c) => (
              <li key={c.label}>
                <span className="pm-swatch" style={{ background: c.color }} />
                <span className="pm-num">{c.label}</span>
              </li>
            ))}
            {noData && (
              <li>
                <span className="pm-swatch pm-swatch-hatch" />
                <span>{text('legend.noData')}</span>
              </li>
            )}
          </ul>
        </div>
      )}
    </section>
  );
}
