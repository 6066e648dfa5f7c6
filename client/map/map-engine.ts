// Owns one Leaflet map and its layers for the lifetime of an IncidentMap. React calls the
// setters when props change; nothing here re-creates the map, and destroy() releases every
// listener, observer and layer so a wall that runs for days does not leak.
import * as L from 'leaflet';
import type { FeatureCollection } from 'geojson';
import type { IncidentView } from '../../shared/contract/views.ts';
import { fitPaddings, type Box } from './fit-padding.ts';
import { IncidentLayer } from './incident-layer.ts';
import type { KecamatanFill, KecamatanStat, MapTheme } from './choropleth.ts';
import { KecamatanLayer } from './kecamatan-layer.ts';
import type { LonLat } from './label-point.ts';
import { clusterListPopup, incidentPopup, kecamatanPopup, type PopupContext } from './popups.ts';

export const MAX_ZOOM = 18;

export interface MapEngineOptions {
  center: [number, number];
  zoom: number;
  theme: MapTheme;
  hatchUrl: string;
  context: PopupContext;
  locale: string;
  onSelectIncident: (incidentId: string) => void;
  /** The legend and the choropleth toggle floating over the map, kept clear of the city. */
  overlays?: () => { legend: Element | null; toggle: Element | null };
}

type OpenPopup = { kind: 'incident'; id: string } | { kind: 'kecamatan'; code: string } | null;

export class MapEngine {
  readonly map: L.Map;
  private readonly incidents: IncidentLayer;
  private readonly kecamatan: KecamatanLayer;
  private readonly zoomControl = L.control.zoom({ position: 'topleft' });
  private tiles: L.TileLayer | null = null;
  private attribution: L.Control.Attribution | null = null;
  private readonly resize: ResizeObserver;
  private readonly popup: L.Popup;
  private open: OpenPopup = null;
  private byId = new Map<string, IncidentView>();
  private stats: ReadonlyMap<string, KecamatanStat> = new Map();
  private context: PopupContext;
  private theme: MapTheme;
  private readonly onSelectIncident: (incidentId: string) => void;
  /** The city's extent: the map fits it so a city fills its panel at 1080p and at 4K alike. */
  private cityBounds: L.LatLngBounds | null = null;
  private readonly container: HTMLElement;
  private readonly overlays: () => { legend: Element | null; toggle: Element | null };

  constructor(container: HTMLElement, options: MapEngineOptions) {
    const reducedMotion = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    this.map = L.map(container, {
      center: options.center,
      zoom: options.zoom,
      maxZoom: MAX_ZOOM,
      minZoom: 8,
      zoomSnap: 0.25,
      zoomDelta: 0.5,
      zoomControl: false,
      // Shown only with tiles; with the plain background there is nothing to attribute here.
      attributionControl: false,
      zoomAnimation: !reducedMotion,
      fadeAnimation: !reducedMotion,
      markerZoomAnimation: !reducedMotion,
    });
    this.container = container;
    this.overlays = options.overlays ?? (() => ({ legend: null, toggle: null }));
    this.context = options.context;
    this.theme = options.theme;
    this.onSelectIncident = options.onSelectIncident;
    this.popup = L.popup({ maxWidth: 480, minWidth: 220, autoPanPadding: [24, 24], className: 'pm-leaflet-popup' });
    this.map.on('popupclose', this.popupClosed);
    this.kecamatan = new KecamatanLayer(this.map, (code, at) => this.showKecamatan(code, at), options.theme, options.hatchUrl);
    this.incidents = new IncidentLayer(this.map, {
      onIncidentClick: (id, at) => this.selectIncident(id, at),
      onClusterLeaves: (ids, total, at) => this.showClusterList(ids, total, at),
    }, options.theme, options.context.text, options.locale);
    this.setTheme(options.theme);
    this.resize = new ResizeObserver(() => {
      this.map.invalidateSize({ debounceMoveend: true });
      // The wall has nobody to pan it back: keep the whole city in view when the panel resizes,
      // or when the legend grows (choropleth classes listed) and would cover part of it.
      if (this.theme === 'wall') this.fitCity();
    });
    this.resize.observe(container);
    const { legend, toggle } = this.overlays();
    if (legend) this.resize.observe(legend);
    if (toggle) this.resize.observe(toggle);
  }

  setView(center: [number, number], zoom: number): void {
    this.map.setView(center, zoom, { animate: false });
  }

  setTheme(theme: MapTheme): void {
    this.theme = theme;
    // The wall has no mouse or keyboard; zoom buttons there would only burn in.
    if (theme === 'desk') this.zoomControl.addTo(this.map);
    else this.zoomControl.remove();
    this.incidents.setMode(theme);
  }

  setContext(context: PopupContext, locale: string): void {
    this.context = context;
    this.incidents.setText(context.text, locale);
    this.refreshPopup();
  }

  setTiles(url: string | undefined, attribution: string | undefined): void {
    this.tiles?.remove();
    this.tiles = null;
    this.attribution?.remove();
    this.attribution = null;
    // Without a URL no tile layer exists at all, so an offline wall makes no tile requests.
    if (!url) return;
    this.attribution = L.control.attribution({ prefix: false }).addTo(this.map);
    this.tiles = L.tileLayer(url, { maxZoom: MAX_ZOOM, attribution: attribution ?? '' }).addTo(this.map);
  }

  setBoundaries(boundaries: FeatureCollection | null, labelPoints: ReadonlyMap<string, LonLat>, names: ReadonlyMap<string, string>): void {
    this.kecamatan.setBoundaries(boundaries, labelPoints, names);
    const bounds = boundaries ? L.geoJSON(boundaries).getBounds() : null;
    this.cityBounds = bounds?.isValid() ? bounds : null;
    this.fitCity();
  }

  /** Fits the city to the panel, clear of the legend and toggle, as large as that allows. */
  private fitCity(): void {
    const bounds = this.cityBounds;
    if (!bounds) return;
    const { legend, toggle } = this.overlays();
    const candidates = fitPaddings(boxOf(this.container), legend ? boxOf(legend) : null, toggle ? boxOf(toggle) : null);
    let best = candidates[0];
    let bestZoom = -Infinity;
    for (const c of candidates) {
      const total = L.point(c.topLeft[0] + c.bottomRight[0], c.topLeft[1] + c.bottomRight[1]);
      const zoom = this.map.getBoundsZoom(bounds, false, total);
      if (zoom > bestZoom) {
        best = c;
        bestZoom = zoom;
      }
    }
    if (!best) return;
    this.map.fitBounds(bounds, { paddingTopLeft: best.topLeft, paddingBottomRight: best.bottomRight, animate: false });
  }

  setFills(fills: ReadonlyMap<string, KecamatanFill>, stats: ReadonlyMap<string, KecamatanStat>): void {
    this.stats = stats;
    this.kecamatan.setFills(fills, this.theme);
    if (this.open?.kind === 'kecamatan') this.refreshPopup();
  }

  /** Returns the number of open incidents that have no place on the map. */
  setIncidents(open: readonly IncidentView[], labelPoints: ReadonlyMap<string, LonLat>): number {
    const byId = new Map<string, IncidentView>();
    for (const incident of open) byId.set(incident.incidentId, incident);
    const previous = this.open?.kind === 'incident' ? this.byId.get(this.open.id) : undefined;
    this.byId = byId;
    const unplaced = this.incidents.setIncidents(open, labelPoints, Date.now());
    if (this.open?.kind === 'incident' && byId.get(this.open.id) !== previous) {
      if (byId.has(this.open.id)) this.refreshPopup();
      else this.map.closePopup(this.popup);
    }
    return unplaced;
  }

  destroy(): void {
    this.resize.disconnect();
    this.map.off('popupclose', this.popupClosed);
    this.incidents.destroy();
    this.kecamatan.destroy();
    // map.remove() drops the remaining layers, controls and DOM listeners.
    this.map.remove();
    this.byId.clear();
  }

  private selectIncident(id: string, at: L.LatLng): void {
    this.open = { kind: 'incident', id };
    this.refreshPopup(at);
    this.onSelectIncident(id);
  }

  private showKecamatan(code: string, at: L.LatLng): void {
    this.open = { kind: 'kecamatan', code };
    this.refreshPopup(at);
  }

  private showClusterList(ids: readonly string[], total: number, at: L.LatLng): void {
    const incidents = ids.map((id) => this.byId.get(id)).filter((i): i is IncidentView => i !== undefined);
    this.open = null;
    this.popup.setLatLng(at).setContent(clusterListPopup(incidents, total, this.context, (id) => this.selectIncident(id, at))).openOn(this.map);
  }

  private refreshPopup(at?: L.LatLng): void {
    const open = this.open;
    if (!open) return;
    let content: HTMLElement | null = null;
    if (open.kind === 'incident') {
      const incident = this.byId.get(open.id);
      if (incident) content = incidentPopup(incident, this.incidents.isApprox(open.id), this.context);
    } else {
      const stat = this.stats.get(open.code);
      if (stat) content = kecamatanPopup(stat, this.context);
    }
    if (!content) return;
    this.popup.setContent(content);
    if (at) {
      const current = this.open;
      this.popup.setLatLng(at).openOn(this.map);
      // openOn closes the previous popup first, whose close handler cleared `open`.
      this.open = current;
    }
  }

  private readonly popupClosed = (e: L.PopupEvent): void => {
    if (e.popup === this.popup) this.open = null;
  };
}

/** An element's box in viewport px (the wall's burn-in drift of a few px stays inside the margin). */
function boxOf(el: Element): Box {
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}
