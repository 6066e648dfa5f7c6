// zod schemas for boundary files: a FeatureCollection of Polygon / MultiPolygon features in
// RFC 7946 [lon, lat] order. Range checks on each position catch the common [lat, lon] swap
// (Indonesian longitudes exceed 90), and the issue path names the exact vertex.
import { z } from 'zod';

const Position = z.tuple(
  [
    z.number().min(-180, 'longitude below -180').max(180, 'longitude above 180'),
    z.number().min(-90, 'latitude below -90 (positions are [lon, lat])').max(90, 'latitude above 90 (positions are [lon, lat])'),
  ],
  z.number(),
);

const Ring = z
  .array(Position)
  .min(4, 'a ring needs at least 4 positions')
  .refine((ring) => {
    const first = ring[0];
    const last = ring[ring.length - 1];
    return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
  }, 'a ring must end at its first position');

export const PolygonGeometry = z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) });
export const MultiPolygonGeometry = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(Ring).min(1)).min(1),
});
export const AreaGeometry = z.discriminatedUnion('type', [PolygonGeometry, MultiPolygonGeometry], {
  error: 'expected a Polygon or MultiPolygon geometry',
});

export function boundaryCollection<P extends z.ZodType>(properties: P) {
  return z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.object({ type: z.literal('Feature'), properties, geometry: AreaGeometry })),
  });
}

const KecamatanCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'expected a kecamatan code such as 36.71.07');

export const KecamatanBoundaries = boundaryCollection(
  z.object({ code: KecamatanCode, name: z.string().min(1).optional() }),
);
export type KecamatanBoundaries = z.infer<typeof KecamatanBoundaries>;

export const KelurahanBoundaries = boundaryCollection(
  z.object({
    code: z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'expected a kelurahan code such as 36.71.07.1001'),
    name: z.string().min(1).optional(),
    kecamatan: KecamatanCode,
  }),
);
export type KelurahanBoundaries = z.infer<typeof KelurahanBoundaries>;

/** Any properties: the generator's input, before features are matched to codes. */
export const SourceBoundaries = boundaryCollection(z.record(z.string(), z.unknown()).nullable());
