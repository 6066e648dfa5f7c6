// GET /api/v1/openapi.json and GET /api/docs: the API description generated from the zod
// schemas (server/integrations/openapi), public like the README that described it before.
import { Router } from 'express';
import type { CityProfile } from '../../city/city-profile.ts';
import { buildOpenApi } from '../../integrations/openapi/document.ts';
import { renderDocsHtml } from '../../integrations/openapi/docs-page.ts';

/** The API's version, as in its paths (/api/v1). */
const API_VERSION = '1.0.0';

export function openApiRoutes(city: CityProfile): Router {
  const r = Router();
  const p = city.profile;
  const doc = buildOpenApi({ city: { id: p.id, name: p.name, kecamatan: p.kecamatan[0]?.code ?? '00.00.00', center: p.map.center }, version: API_VERSION });
  const json = JSON.stringify(doc);
  const html = renderDocsHtml(doc);
  r.get('/api/v1/openapi.json', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('application/json').send(json);
  });
  r.get('/api/docs', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('text/html').send(html);
  });
  return r;
}
