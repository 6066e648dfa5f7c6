// Open incidents as clustered DOM markers. The supercluster index is rebuilt only when the
// placement of some incident changed; on every move the visible clusters are recomputed and
// diffed by key against the markers already shown, so a pan over 10,000 incidents only
// touches the markers that enter or leave the view.
//
// Markers are plain elements placed with left/top inside one pane, not L.Marker: Leaflet puts
// each marker on its own translate3d compositing layer, and a few hundred of those made every
// pan frame expensive on the walls' software-rendered browsers. Here the pane moves as one.
import * as L from 'leaflet';
import Supercluster from 'supercluster';
import type { IncidentView } from '../../shared/contract/views.ts';
import {
  clusterMap, clusterReduce, keysChanged, newsSince, toClusterInput, trackFirstSeen,
  type ClusterAggregate, type IncidentPoint, type IncidentPointProps,
} from './cluster-input.ts';
import { loadStepwise, nextTask } from './cluster-build.ts';
import { glyphCssUrl } from './glyphs.ts';
import type { LonLat } from './label-point.ts';
import type { MapText } from './labels.ts';
import { priorityStyle, type PriorityRank } from './priority.ts';

const PANE = 'pmIncidents';
/** A new incident pulses if its marker shows up within this long of its arrival. */
const PULSE_WINDOW_MS = 8_000;
/**
 * How far apart clusters are kept, in marker sizes (the `--pm-marker` font size a marker is drawn
 * at). A three-digit bubble with its ring is about two of them wide; tied to the drawn size, so a
 * wall at 4K (twice the pixels, one zoom level deeper) gets bubbles that do not overlap either.
 */
const CLUSTER_SPACING = { wall: 1.9, desk: 1.65 } as const;
/** Marker size in px if the stylesheet is not applied (a detached map): 2.3vw at 1920, 1.9rem. */
const FALLBACK_MARKER_PX = { wall: 44, desk: 30 } as const;
/** Markers are kept for a margin around the view so short pans show them at once. */
const VIEW_PAD = 0.2;

type Index = Supercluster<IncidentPointProps, ClusterAggregate>;

interface Entry {
  el: HTMLElement;
  lon: number;
  lat: number;
  signature: string;
  clusterId: number | null;
}

export interface IncidentLayerEvents {
  onIncidentClick: (incidentId: string, at: L.LatLng) => void;
  onClusterLeaves: (incidentIds: string[], total: number, at: L.LatLng) => void;
}

export class IncidentLayer {
  private index: Index | null = null;
  private keys = new Map<string, string>();
  private firstSeen: Map<string, number> | null = null;
  private readonly approx = new Set<string>();
  private readonly entries = new Map<string, Entry>();
  private readonly root: HTMLDivElement;
  private frame = 0;
  private mode: 'wall' | 'desk';
  /** In supercluster units (1/512 of a tile; Leaflet tiles are 256 px, so twice the px). */
  private radius = 0;
  private points: IncidentPoint[] = [];
  private text: MapText;
  private number: Intl.NumberFormat;
  /** Zoom and pixel origin the shown positions were computed for; a change re-places them all. */
  private placedFor = '';
  private pendingPulse: HTMLElement[] = [];
  /**
   * Arrival times (a batch shares one) that have pulsed already. Kept per arrival rather than
   * per marker: a rebuilt index regroups clusters, and the news must not pulse a second time.
   */
  private readonly pulsed = new Set<number>();
  private readonly pulsedNow = new Set<number>();
  /** Set when the map is dragged after a press on a marker, so the click that follows is ignored. */
  private dragged = false;
  /** Index builds started; a build applies only if it is still the latest. */
  private builds = 0;
  private destroyed = false;

  constructor(
    private readonly map: L.Map,
    private readonly events: IncidentLayerEvents,
    mode: 'wall' | 'desk',
    text: MapText,
    locale: string,
  ) {
    this.mode = mode;
    this.text = text;
    this.number = new Intl.NumberFormat(locale);
    const pane = map.getPane(PANE) ?? map.createPane(PANE);
    pane.style.zIndex = '600';
    this.root = L.DomUtil.create('div', 'pm-incidents', pane);
    this.root.addEventListener('click', this.onClick);
    this.root.addEventListener('keydown', this.onKeyDown);
    this.root.addEventListener('pointerdown', this.onPointerDown);
    map.on('moveend zoomend viewreset resize', this.schedule);
    map.on('zoomstart', this.hide);
    map.on('dragstart', this.onDragStart);
  }

  /** Incident ids that are drawn at their kecamatan's label point rather than their own. */
  isApprox(incidentId: string): boolean {
    return this.approx.has(incidentId);
  }

  setMode(mode: 'wall' | 'desk'): void {
    if (this.mode === mode) return;
    this.mode = mode;
    this.rebuild();
  }

  setText(text: MapText, locale: string): void {
    this.text = text;
    this.number = new Intl.NumberFormat(locale);
    for (const entry of this.entries.values()) entry.signature = '';
    this.refresh();
  }

  /** Returns how many open incidents could not be placed (no coordinates, unknown kecamatan). */
  setIncidents(incidents: readonly IncidentView[], labelPoints: ReadonlyMap<string, LonLat>, nowMs: number): number {
    const firstSeen = trackFirstSeen(this.firstSeen, incidents.map((i) => i.incidentId), nowMs);
    this.firstSeen = firstSeen;
    const input = toClusterInput(incidents, labelPoints, (i) => newsSince(firstSeen.get(i.incidentId), i.reportedAt, nowMs));
    if (this.index === null || keysChanged(this.keys, input.keys)) {
      this.approx.clear();
      for (const p of input.points) if (p.properties.approx) this.approx.add(p.properties.incidentId);
      this.points = input.points;
      this.keys = input.keys;
      this.rebuild();
    }
    return input.unplaced.length;
  }

  destroy(): void {
    this.destroyed = true;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.map.off('moveend zoomend viewreset resize', this.schedule);
    this.map.off('zoomstart', this.hide);
    this.map.off('dragstart', this.onDragStart);
    this.root.removeEventListener('click', this.onClick);
    this.root.removeEventListener('keydown', this.onKeyDown);
    this.root.removeEventListener('pointerdown', this.onPointerDown);
    this.root.remove();
    this.entries.clear();
    this.index = null;
    this.points = [];
  }

  /**
   * The cluster radius that keeps clusters CLUSTER_SPACING markers apart on screen, for the marker
   * size drawn now (it follows the viewport width on the wall) and the zoom shown. Clusters come
   * from the nearest whole zoom level; fitBounds leaves fractional zooms (zoomSnap ¼), at which
   * the same radius would crowd them by up to √2 or spread them as much, so it is scaled here.
   */
  private wantedRadius(): number {
    const markerPx = parseFloat(getComputedStyle(this.root).fontSize);
    const px = (markerPx > 0 ? markerPx : FALLBACK_MARKER_PX[this.mode]) * CLUSTER_SPACING[this.mode];
    const zoom = this.map.getZoom();
    return Math.round(px * 2 * 2 ** (Math.round(zoom) - zoom));
  }

  /**
   * A new index for the points. A large one is built a zoom level per task (cluster-build.ts);
   * meanwhile the markers of the previous index stay, and a newer rebuild supersedes this one.
   */
  private rebuild(): void {
    this.radius = this.wantedRadius();
    const index = new Supercluster<IncidentPointProps, ClusterAggregate>({
      radius: this.radius,
      // Cluster up to the map's deepest zoom: incidents stacked on one kecamatan label point
      // must stay one bubble (with a list popup) instead of an unreadable pile.
      maxZoom: this.map.getMaxZoom(),
      map: clusterMap,
      reduce: clusterReduce,
    });
    const build = ++this.builds;
    const done = (complete: boolean): void => {
      if (!complete || build !== this.builds || this.destroyed) return;
      this.index = index;
      this.refresh();
    };
    void loadStepwise(index, this.points, nextTask, () => build !== this.builds || this.destroyed).then(done);
  }

  private readonly schedule = (): void => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.refresh();
    });
  };

  /** Positions are in layer pixels of the old zoom during a zoom animation; hide until zoomend. */
  private readonly hide = (): void => {
    this.root.style.visibility = 'hidden';
  };

  private refresh(): void {
    if (!this.index) return;
    // The markers were resized (vw on the wall) or the zoom moved by a fraction: re-cluster so
    // the bubbles keep their spacing. Rare on a wall (a resize); at most once per zoom on a desk.
    if (Math.abs(this.wantedRadius() - this.radius) > 2) {
      this.rebuild();
      return;
    }
    const index = this.index;
    const bounds = this.map.getBounds().pad(VIEW_PAD);
    const zoom = Math.round(this.map.getZoom());
    const origin = this.map.getPixelOrigin();
    const placedFor = `${this.map.getZoom()}|${origin.x}|${origin.y}`;
    const replaceAll = placedFor !== this.placedFor;
    this.placedFor = placedFor;
    const features = index.getClusters([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()], zoom);
    const now = Date.now();
    const seen = new Set<string>();
    for (const f of features) {
      const [lon = 0, lat = 0] = f.geometry.coordinates;
      const p = f.properties;
      if ('cluster' in p) {
        const key = `c${p.cluster_id}`;
        seen.add(key);
        this.upsert(key, lon, lat, replaceAll, `${p.point_count}|${p.rank}`, p.bornMs, p.cluster_id, (el) => this.paintCluster(el, p.point_count, p.rank));
      } else {
        const key = `i${p.incidentId}`;
        seen.add(key);
        this.upsert(key, lon, lat, replaceAll, `${p.rank}|${p.category ?? ''}|${p.approx}`, p.bornMs, null, (el) => this.paintPoint(el, p));
      }
    }
    for (const [key, entry] of this.entries) {
      if (seen.has(key)) continue;
      entry.el.remove();
      this.entries.delete(key);
    }
    this.root.style.visibility = '';
    this.pulse(now);
  }

  private upsert(
    key: string, lon: number, lat: number, replaceAll: boolean, signature: string, bornMs: number,
    clusterId: number | null, paint: (el: HTMLElement) => void,
  ): void {
    let entry = this.entries.get(key);
    if (!entry) {
      const el = document.createElement('div');
      el.dataset['pmKey'] = key;
      el.tabIndex = 0;
      el.setAttribute('role', 'button');
      entry = { el, lon, lat, signature: '', clusterId };
      this.entries.set(key, entry);
      this.place(entry);
      this.root.append(el);
    } else if (replaceAll || entry.lon !== lon || entry.lat !== lat) {
      entry.lon = lon;
      entry.lat = lat;
      this.place(entry);
    }
    entry.clusterId = clusterId;
    if (entry.signature !== signature) {
      paint(entry.el);
      entry.signature = signature;
    }
    if (bornMs > 0 && !this.pulsed.has(bornMs) && Date.now() - bornMs < PULSE_WINDOW_MS) {
      this.pendingPulse.push(entry.el);
      this.pulsedNow.add(bornMs);
    }
  }

  private place(entry: Entry): void {
    const p = this.map.latLngToLayerPoint([entry.lat, entry.lon]);
    entry.el.style.left = `${Math.round(p.x)}px`;
    entry.el.style.top = `${Math.round(p.y)}px`;
  }

  /** Restarting a CSS animation needs the class removed, a style flush, then the class again. */
  private pulse(now: number): void {
    for (const bornMs of this.pulsedNow) this.pulsed.add(bornMs);
    this.pulsedNow.clear();
    for (const bornMs of this.pulsed) if (now - bornMs >= PULSE_WINDOW_MS) this.pulsed.delete(bornMs);
    if (this.pendingPulse.length === 0) return;
    const els = this.pendingPulse;
    this.pendingPulse = [];
    for (const el of els) el.classList.remove('pm-pulse');
    void els[0]?.offsetWidth;
    for (const el of els) {
      el.classList.add('pm-pulse');
      el.dataset['pulsedAt'] = String(now);
    }
  }

  private readonly onClick = (e: MouseEvent): void => {
    const entry = this.entryOf(e.target);
    if (!entry) return;
    // The map still sees the click otherwise, and its click closes the popup just opened.
    e.stopPropagation();
    // A drag that ends over a marker is a pan, not a choice.
    if (this.dragged) return;
    this.activate(entry);
  };

  private readonly onPointerDown = (): void => {
    this.dragged = false;
  };

  private readonly onDragStart = (): void => {
    this.dragged = true;
  };

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const entry = this.entryOf(e.target);
    if (!entry) return;
    e.preventDefault();
    e.stopPropagation();
    this.activate(entry);
  };

  private entryOf(target: EventTarget | null): Entry | undefined {
    if (!(target instanceof Element)) return undefined;
    const key = target.closest<HTMLElement>('[data-pm-key]')?.dataset['pmKey'];
    return key === undefined ? undefined : this.entries.get(key);
  }

  private activate(entry: Entry): void {
    const at = L.latLng(entry.lat, entry.lon);
    if (entry.clusterId === null) {
      const id = entry.el.dataset['incidentId'];
      if (id !== undefined) this.events.onIncidentClick(id, at);
      return;
    }
    const index = this.index;
    if (!index) return;
    const zoom = index.getClusterExpansionZoom(entry.clusterId);
    if (zoom <= this.map.getMaxZoom()) {
      this.map.setView(at, zoom);
      return;
    }
    const leaves = index.getLeaves(entry.clusterId, 12);
    const total = Number(entry.el.dataset['clusterCount'] ?? leaves.length);
    this.events.onClusterLeaves(leaves.map((l) => l.properties.incidentId), total, at);
  }

  private paintPoint(el: HTMLElement, p: IncidentPointProps): void {
    const style = priorityStyle(p.rank);
    el.className = p.approx ? 'pm-inc pm-approx' : 'pm-inc';
    el.dataset['testid'] = 'incident-marker';
    el.dataset['incidentId'] = p.incidentId;
    el.dataset['priority'] = style.digit;
    el.style.setProperty('--pm-fill', style.fill);
    el.style.setProperty('--pm-ink', style.ink);
    el.style.zIndex = String(10 - p.rank);
    const label = `${this.text(`category.${p.category ?? 'other'}`)} · ${this.text('popup.priority')} ${style.digit}`;
    el.setAttribute('aria-label', label);
    el.title = label;
    el.style.setProperty('--pm-glyph', glyphCssUrl(p.category, style.ink));
    el.innerHTML = `<span class="pm-glyph"></span><span class="pm-digit">${style.digit}</span>`;
  }

  private paintCluster(el: HTMLElement, count: number, rank: PriorityRank): void {
    const style = priorityStyle(rank);
    const size = count < 10 ? 1 : count < 100 ? 2 : count < 1000 ? 3 : 4;
    el.className = `pm-cluster pm-size-${size}`;
    el.dataset['testid'] = 'incident-cluster';
    el.dataset['clusterCount'] = String(count);
    el.dataset['priority'] = style.digit;
    el.style.setProperty('--pm-fill', style.fill);
    el.style.setProperty('--pm-ink', style.ink);
    el.style.zIndex = String(20 - rank);
    const formatted = this.number.format(count);
    const label = `${formatted} ${this.text('cluster.incidents')} · ${this.text('popup.priority')} ${style.digit}`;
    el.setAttribute('aria-label', label);
    el.title = label;
    el.innerHTML = `<span class="pm-count">${formatted}</span><span class="pm-digit">${style.digit}</span>`;
  }
}
