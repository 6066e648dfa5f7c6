// A small static choropleth of the city's kecamatan for reports: an SVG, so it prints crisply
// and needs no map library or tiles. Shading uses the map's classes and colours (client/map),
// and each kecamatan carries its figure as text, so colour is never the only cue.
import type { FeatureCollection, Position } from 'geojson';
import { useMemo } from 'react';
import { buildChoropleth } from '../map/choropleth.ts';
import { labelPointsByCode } from '../map/label-point.ts';

interface KecamatanChoroplethProps {
  boundaries: FeatureCollection;
  values: ReadonlyMap<string, number>;
  names: ReadonlyMap<string, string>;
  format: (n: number) => string;
  title: string;
  testId: string;
}

interface Shape {
  code: string;
  d: string;
}

const WIDTH = 480;

/** Equirectangular with longitude shrunk by cos(latitude): true enough for one city. */
function projector(fc: FeatureCollection): { project: (p: Position) => [number, number]; height: number } | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (p: Position) => {
    const [x = 0, y = 0] = p;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  };
  for (const f of fc.features) {
    const g = f.geometry;
    if (g?.type === 'Polygon') g.coordinates.forEach((r) => r.forEach(visit));
    if (g?.type === 'MultiPolygon') g.coordinates.forEach((poly) => poly.forEach((r) => r.forEach(visit)));
  }
  if (!Number.isFinite(minX) || maxX <= minX || maxY <= minY) return null;
  const kx = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const scale = WIDTH / ((maxX - minX) * kx);
  return {
    project: ([x = 0, y = 0]) => [(x - minX) * kx * scale, (maxY - y) * scale],
    height: Math.ceil((maxY - minY) * scale),
  };
}

function shapesOf(fc: FeatureCollection, project: (p: Position) => [number, number]): Shape[] {
  const ring = (r: Position[]) => `M${r.map((p) => project(p).map((n) => n.toFixed(1)).join(',')).join('L')}Z`;
  const out: Shape[] = [];
  for (const f of fc.features) {
    const code: unknown = f.properties?.['code'];
    const g = f.geometry;
    if (typeof code !== 'string' || !g) continue;
    if (g.type === 'Polygon') out.push({ code, d: g.coordinates.map(ring).join('') });
    if (g.type === 'MultiPolygon') out.push({ code, d: g.coordinates.flatMap((poly) => poly.map(ring)).join('') });
  }
  return out;
}

export function KecamatanChoropleth({ boundaries, values, names, format, title, testId }: KecamatanChoroplethProps) {
  const geometry = useMemo(() => {
    const proj = projector(boundaries);
    if (!proj) return null;
    const labels = new Map([...labelPointsByCode(boundaries)].map(([code, p]) => [code, proj.project(p)]));
    return { shapes: shapesOf(boundaries, proj.project), labels, height: proj.height };
  }, [boundaries]);
  const shading = useMemo(() => {
    const all = new Map<string, number | null>();
    for (const s of geometry?.shapes ?? []) all.set(s.code, values.get(s.code) ?? 0);
    return buildChoropleth(all, 'count', 'desk', format);
  }, [geometry, values, format]);
  if (!geometry) return null;
  return (
    <figure className="choro" data-testid={testId}>
      <svg viewBox={`-4 -4 ${WIDTH + 8} ${geometry.height + 8}`} role="img" aria-label={title} className="choro-svg">
        <title>{title}</title>
        {geometry.shapes.map((s) => {
          const fill = shading.fills.get(s.code);
          return (
            <path key={s.code} d={s.d} fill={fill?.kind === 'color' ? fill.color : 'none'} stroke="#5d6b7a" strokeWidth={0.8} fillRule="evenodd">
              <title>{`${names.get(s.code) ?? s.code}: ${format(values.get(s.code) ?? 0)}`}</title>
            </path>
          );
        })}
        {geometry.shapes.map((s) => {
          const at = geometry.labels.get(s.code);
          if (!at) return null;
          return (
            <text key={s.code} x={at[0]} y={at[1]} className="choro-label" textAnchor="middle" dominantBaseline="central">
              {format(values.get(s.code) ?? 0)}
            </text>
          );
        })}
      </svg>
      <figcaption className="choro-legend">
        {shading.classes.map((c) => (
          <span key={c.label} className="choro-class">
            <span className="choro-swatch" style={{ background: c.color }} aria-hidden="true" />
            {c.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
