// Kecamatan boundaries, always drawn (they are the only geography on an offline wall), with
// their names, and an optional choropleth fill restyled in place when the counts change.
import * as L from 'leaflet';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { KecamatanFill, MapTheme } from './choropleth.ts';
import type { LonLat } from './label-point.ts';

const LABEL_PANE = 'pmKecamatanLabels';

const STROKE: Readonly<Record<MapTheme, { color: string; weight: number; hover: number }>> = {
  wall: { color: '#8aa0bd', weight: 1.5, hover: 3.5 },
  desk: { color: '#3f4a5a', weight: 1.2, hover: 3 },
};
const FILL_OPACITY: Readonly<Record<MapTheme, number>> = { wall: 0.8, desk: 0.7 };

export class KecamatanLayer {
  private geo: L.GeoJSON | null = null;
  private readonly labels: L.LayerGroup;
  private readonly paths = new Map<string, L.Path>();
  private fills: ReadonlyMap<string, KecamatanFill> = new Map();
  private theme: MapTheme;
  /** Label elements, largest kecamatan first: the order in which they claim their space. */
  private labelEls: HTMLElement[] = [];

  constructor(
    private readonly map: L.Map,
    private readonly onClick: (code: string, at: L.LatLng) => void,
    theme: MapTheme,
    private readonly hatchUrl: string,
  ) {
    this.theme = theme;
    // Names sit above the fills but below the incident markers, and never catch clicks.
    const pane = map.getPane(LABEL_PANE) ?? map.createPane(LABEL_PANE);
    pane.style.zIndex = '450';
    pane.style.pointerEvents = 'none';
    this.labels = L.layerGroup().addTo(map);
    map.on('zoomend viewreset resize', this.declutter);
  }

  setBoundaries(boundaries: FeatureCollection | null, labelPoints: ReadonlyMap<string, LonLat>, names: ReadonlyMap<string, string>): void {
    this.geo?.remove();
    this.geo = null;
    this.paths.clear();
    this.labels.clearLayers();
    this.labelEls = [];
    if (!boundaries) return;
    this.geo = L.geoJSON(boundaries, {
      // Only polygons: a stray Point feature would otherwise become a default image marker.
      filter: (f: Feature<Geometry | null>) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon',
      style: (f) => this.styleFor(codeOf(f)),
      onEachFeature: (f, layer) => {
        const code = codeOf(f);
        if (code === null || !(layer instanceof L.Path)) return;
        this.paths.set(code, layer);
        layer.on('click', (e: L.LeafletMouseEvent) => this.onClick(code, e.latlng));
        layer.on('mouseover', () => layer.setStyle({ weight: STROKE[this.theme].hover }));
        layer.on('mouseout', () => layer.setStyle({ weight: STROKE[this.theme].weight }));
      },
    }).addTo(this.map);
    // The SVG path exists only once the layer is on the map. Naming it by code lets a test (or
    // an assistive tool) find a kecamatan's shape and fill without knowing the projection.
    for (const [code, path] of this.paths) path.getElement()?.setAttribute('data-kecamatan', code);
    this.geo.bringToBack();
    const labelled: { el: HTMLElement; area: number }[] = [];
    for (const [code, p] of labelPoints) {
      const label = document.createElement('span');
      label.className = 'pm-kec-name';
      label.dataset['kecamatan'] = code;
      label.textContent = names.get(code) ?? code;
      L.marker([p[1], p[0]], {
        icon: L.divIcon({ className: 'pm-kec-label', html: label, iconSize: [0, 0] }),
        pane: LABEL_PANE,
        interactive: false,
        keyboard: false,
      }).addTo(this.labels);
      const box = this.paths.get(code)?.getElement()?.getBoundingClientRect();
      labelled.push({ el: label, area: box ? box.width * box.height : 0 });
    }
    this.labelEls = labelled.sort((a, b) => b.area - a.area).map((l) => l.el);
    this.declutter();
  }

  /**
   * Hides the names that would overprint one already shown (Kota Bandung's 30 small kecamatan
   * collide at a fitted zoom: "Bandung WetanCibeunying Kidul"). Larger kecamatan keep theirs; a
   * hidden name returns when the map is zoomed in far enough for it to fit.
   */
  private readonly declutter = (): void => {
    const kept: DOMRect[] = [];
    for (const el of this.labelEls) el.classList.remove('pm-kec-name-hidden');
    for (const el of this.labelEls) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      const gap = r.height * 0.25;
      const collides = kept.some((k) => r.left < k.right + gap && r.right + gap > k.left && r.top < k.bottom && r.bottom > k.top);
      if (collides) el.classList.add('pm-kec-name-hidden');
      else kept.push(r);
    }
  };

  setFills(fills: ReadonlyMap<string, KecamatanFill>, theme: MapTheme): void {
    this.fills = fills;
    this.theme = theme;
    for (const [code, path] of this.paths) path.setStyle(this.styleFor(code));
  }

  destroy(): void {
    this.map.off('zoomend viewreset resize', this.declutter);
    this.labelEls = [];
    this.geo?.remove();
    this.geo = null;
    this.paths.clear();
    this.labels.clearLayers();
    this.labels.remove();
  }

  private styleFor(code: string | null): L.PathOptions {
    const stroke = STROKE[this.theme];
    const fill = (code === null ? undefined : this.fills.get(code)) ?? { kind: 'none' };
    const base: L.PathOptions = { color: stroke.color, weight: stroke.weight, opacity: 0.95, fill: true };
    switch (fill.kind) {
      // Transparent but still filled, so a click anywhere inside the kecamatan opens its popup.
      case 'none': return { ...base, fillColor: '#000000', fillOpacity: 0 };
      case 'color': return { ...base, fillColor: fill.color, fillOpacity: FILL_OPACITY[this.theme] };
      case 'hatch': return { ...base, fillColor: this.hatchUrl, fillOpacity: 1 };
    }
  }
}

function codeOf(feature: Feature | undefined): string | null {
  const code: unknown = feature?.properties?.['code'];
  return typeof code === 'string' ? code : null;
}
