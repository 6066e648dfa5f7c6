// The initial map view of a city: its bounding box centred in a typical wall or laptop
// viewport. Web Mercator at zoom z spans 256 * 2^z pixels around the world.
export interface MapView {
  center: [number, number];
  zoom: number;
}

/** @param bbox [minLon, minLat, maxLon, maxLat] */
export function mapViewForBbox(bbox: readonly [number, number, number, number], viewportPixels = 1024): MapView {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const lonSpan = Math.max(maxLon - minLon, 1e-6);
  const mercatorY = (lat: number): number => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const latSpanRadians = Math.max(Math.abs(mercatorY(maxLat) - mercatorY(minLat)), 1e-9);
  const zoomForLon = Math.log2((viewportPixels * 360) / (256 * lonSpan));
  const zoomForLat = Math.log2((viewportPixels * 2 * Math.PI) / (256 * latSpanRadians));
  const zoom = Math.max(1, Math.min(18, Math.floor(Math.min(zoomForLon, zoomForLat))));
  const round = (value: number): number => Math.round(value * 1e5) / 1e5;
  return { center: [round((minLat + maxLat) / 2), round((minLon + maxLon) / 2)], zoom };
}
