// The live incident map: kecamatan boundaries on a plain background (or tiles when a URL is
// configured), open incidents clustered by priority, an optional choropleth and its legend.
// Leaflet is driven imperatively through MapEngine; React only owns the overlays.
import 'leaflet/dist/leaflet.css';
import './map.css';
import { useEffect, useId, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { FeatureCollection } from 'geojson';
import type { KecamatanInfo } from '../../shared/contract/city.ts';
import type { IncidentView } from '../../shared/contract/views.ts';
import { ChoroplethToggle } from './ChoroplethToggle.tsx';
import {
  HATCH, buildChoropleth, choroplethModes, choroplethValues, countByKecamatan, kecamatanNames, kecamatanStats, offeredMode,
  type ChoroplethMode,
} from './choropleth.ts';
import { incidentKecamatan, placeIncident } from './cluster-input.ts';
import { labelPointsByCode } from './label-point.ts';
import { mapText } from './labels.ts';
import { MapEngine } from './map-engine.ts';
import { MapLegend } from './MapLegend.tsx';
import type { PopupContext } from './popups.ts';

export interface IncidentMapProps {
  incidents: IncidentView[];
  /** Kecamatan polygons with properties.code (BPS) and properties.name. */
  boundaries: FeatureCollection | null;
  kecamatan: KecamatanInfo[];
  /** [lat, lon] */
  center: [number, number];
  zoom: number;
  mode: 'wall' | 'desk';
  /** Base-map tiles; without one, no tile server is ever contacted. */
  tileUrl?: string;
  tileAttribution?: string;
  onSelectIncident?: (id: string) => void;
  /** Translated words by key (see DEFAULT_MAP_LABELS); Indonesian where absent. */
  labels?: Partial<Record<string, string>>;
  /** BCP 47 locale for numbers and times. */
  locale?: string;
  /** The city's IANA timezone, for the times in incident timelines. */
  timeZone?: string;
  defaultChoropleth?: ChoroplethMode;
}

/** Wall overlays drift by a few pixels every few minutes so static text does not burn in. */
const DRIFT: readonly (readonly [number, number])[] = [[0, 0], [4, 2], [-3, 4], [3, -3], [-4, -2]];
const DRIFT_MS = 4 * 60_000;

export function IncidentMap(props: IncidentMapProps) {
  const {
    incidents, boundaries, kecamatan, center, zoom, mode, tileUrl, tileAttribution, onSelectIncident,
    labels, locale = 'id-ID', timeZone = 'Asia/Jakarta', defaultChoropleth = 'off',
  } = props;
  const rootRef = useRef<HTMLDivElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const engineRef = useRef<MapEngine | null>(null);
  const onSelectRef = useRef(onSelectIncident);
  const hatchId = `pm-hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [chosen, setChoropleth] = useState<ChoroplethMode>(defaultChoropleth);
  const modes = useMemo(() => choroplethModes(kecamatan), [kecamatan]);
  const choropleth = offeredMode(chosen, modes);
  const [drift, setDrift] = useState(0);

  // Callers often pass a fresh labels object each render; keep the previous one while equal so
  // markers and popups are not repainted for nothing.
  const [stableLabels, setStableLabels] = useState(labels);
  if (stableLabels !== labels && !shallowEqual(stableLabels, labels)) setStableLabels(labels);
  const text = useMemo(() => mapText(stableLabels), [stableLabels]);

  const labelPoints = useMemo(() => labelPointsByCode(boundaries), [boundaries]);
  const names = useMemo(() => kecamatanNames(boundaries, kecamatan), [boundaries, kecamatan]);
  const counts = useMemo(() => countByKecamatan(incidents.map(incidentKecamatan)), [incidents]);
  const unplaced = useMemo(() => incidents.filter((i) => placeIncident(i, labelPoints) === null).length, [incidents, labelPoints]);
  const number = useMemo(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }), [locale]);
  const shading = useMemo(() => {
    const values = choroplethValues([...names.keys()], counts, kecamatan, choropleth);
    return buildChoropleth(values, choropleth, mode, (n) => number.format(n));
  }, [names, counts, kecamatan, choropleth, mode, number]);
  const stats = useMemo(() => kecamatanStats(names, counts, kecamatan), [names, counts, kecamatan]);
  const context = useMemo<PopupContext>(
    () => ({ text, locale, timeZone, kecamatanName: (code) => names.get(code) ?? null }),
    [text, locale, timeZone, names],
  );
  const [initial] = useState(() => ({ center, zoom, mode, context, locale }));

  useEffect(() => {
    onSelectRef.current = onSelectIncident;
  }, [onSelectIncident]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    const engine = new MapEngine(container, {
      center: initial.center,
      zoom: initial.zoom,
      theme: initial.mode,
      hatchUrl: `url(#${hatchId})`,
      context: initial.context,
      locale: initial.locale,
      onSelectIncident: (id) => onSelectRef.current?.(id),
      overlays: () => ({
        legend: rootRef.current?.querySelector('[data-testid="map-legend"]') ?? null,
        toggle: rootRef.current?.querySelector('[data-testid="choropleth-toggle"]') ?? null,
      }),
    });
    engineRef.current = engine;
    return () => {
      engineRef.current = null;
      engine.destroy();
    };
  }, [initial, hatchId]);

  const [lat, lon] = center;
  useEffect(() => engineRef.current?.setView([lat, lon], zoom), [lat, lon, zoom]);
  useEffect(() => engineRef.current?.setTheme(mode), [mode]);
  useEffect(() => engineRef.current?.setTiles(tileUrl, tileAttribution), [tileUrl, tileAttribution]);
  useEffect(() => engineRef.current?.setContext(context, locale), [context, locale]);
  useEffect(() => engineRef.current?.setBoundaries(boundaries, labelPoints, names), [boundaries, labelPoints, names]);
  useEffect(() => {
    // In a task of its own, after this render is on screen: placing 10,000 incidents must not
    // lengthen the render's task (cluster-build.ts splits the rest).
    const timer = setTimeout(() => engineRef.current?.setIncidents(incidents, labelPoints), 0);
    return () => clearTimeout(timer);
  }, [incidents, labelPoints]);
  useEffect(() => engineRef.current?.setFills(shading.fills, stats), [shading, stats]);

  useEffect(() => {
    if (mode !== 'wall') return undefined;
    const timer = setInterval(() => setDrift((d) => (d + 1) % DRIFT.length), DRIFT_MS);
    return () => clearInterval(timer);
  }, [mode]);
  const [dx, dy] = mode === 'wall' ? (DRIFT[drift] ?? [0, 0]) : [0, 0];
  const driftStyle: CSSProperties = { translate: `${dx}px ${dy}px` };
  const hatch = HATCH[mode];

  return (
    <div ref={rootRef} className={`pm-root pm-${mode}`} data-testid="incident-map" role="region" aria-label={text('map.aria')}>
      <svg className="pm-defs" aria-hidden="true" focusable="false" width="0" height="0">
        <defs>
          <pattern id={hatchId} patternUnits="userSpaceOnUse" width="10" height="10" patternTransform="rotate(45)">
            <rect width="10" height="10" fill={hatch.background} />
            <rect width="3" height="10" fill={hatch.stripe} />
          </pattern>
        </defs>
      </svg>
      <div ref={containerRef} className="pm-map" />
      <ChoroplethToggle text={text} value={choropleth} modes={modes} onChange={setChoropleth} style={driftStyle} />
      <MapLegend
        text={text}
        choropleth={choropleth}
        classes={shading.classes}
        noData={shading.noData}
        openCount={number.format(incidents.length)}
        unplacedCount={unplaced > 0 ? number.format(unplaced) : null}
        style={driftStyle}
      />
    </div>
  );
}

function shallowEqual(a: Partial<Record<string, string>> | undefined, b: Partial<Record<string, string>> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}
