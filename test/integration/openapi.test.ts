// The OpenAPI document (server/integrations/openapi): every route of the real Express app is
// described and every description has a route; the document validates against the OpenAPI 3.1
// schema; one example of every event type, taken from the served document, is accepted by a
// real server (Pantau's own alert.* events are refused, as the document says).
import { Validator, type SpecData } from '@seriousme/openapi-schema-validator';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES, INTERNAL_EVENT_TYPES } from '../../shared/contract/events.ts';
import { SPA_ROUTES } from '../../server/http/app.ts';
import { openApiPath } from '../../server/integrations/openapi/document.ts';
import { ROUTE_DOCS } from '../../server/integrations/openapi/route-docs.ts';
import { DISPLAY_TOKEN, EXECUTIVE_TOKEN, INGEST_KEY, OPERATOR_TOKEN, PRESENTER_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import type { Role } from '../../shared/contract/views.ts';

interface Layer { route?: { path: string | string[]; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } }

/** Every (method, path) the app routes, walking nested routers. */
function routesOf(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]): void => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const m of Object.keys(layer.route.methods)) for (const p of paths) out.push(`${m.toUpperCase()} ${p}`);
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

type Doc = { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { examples?: Record<string, { value: { type: string } }> }> } }>>; components: { schemas: Record<string, unknown> } };

let app: TestApp;
let doc: Doc;
beforeAll(async () => {
  // The demo on, so its presenter routes answer for their credentials (off they are 404 for all).
  app = await startApp({ PANTAU_DEMO: 'on', PANTAU_DEMO_SPEED: '1' }, { demoBackfill: false });
  const r = await app.get('/api/v1/openapi.json');
  expect(r.status).toBe(200);
  doc = r.json as Doc;
});
afterAll(async () => {
  await app.close();
});

describe('OpenAPI document', () => {
  it('describes every route of the Express app, and nothing else', () => {
    const spa = new Set(SPA_ROUTES.map((p) => `GET ${p}`));
    const routes = routesOf(app.httpApp).filter((r) => !spa.has(r));
    const described = new Set(ROUTE_DOCS.map((d) => `${d.method.toUpperCase()} ${d.path}`));
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.filter((r) => !described.has(r)), 'routes without a description in server/integrations/openapi/route-docs.ts').toEqual([]);
    expect([...described].filter((d) => !routes.includes(d)), 'descriptions of routes that do not exist').toEqual([]);
    for (const d of ROUTE_DOCS) expect(doc.paths[openApiPath(d.path)]?.[d.method], `${d.method} ${d.path}`).toBeDefined();
  });

  it('fails the coverage check for a route added without a description', async () => {
    const { Router } = await import('express');
    const extra = Router();
    extra.get('/api/v1/undocumented', (_req, res) => res.end());
    app.httpApp.use(extra);
    const described = new Set(ROUTE_DOCS.map((d) => `${d.method.toUpperCase()} ${d.path}`));
    expect(routesOf(app.httpApp).filter((r) => r.startsWith('GET /api') && !described.has(r))).toEqual(['GET /api/v1/undocumented']);
  });

  it('validates against the OpenAPI 3.1 schema, and every $ref resolves', async () => {
    const v = new Validator();
    const result = await v.validate(doc as unknown as SpecData);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(v.version).toBe('3.1');
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(0);
    for (const name of new Set(refs)) expect(doc.components.schemas[name], name).toBeDefined();
    for (const t of EVENT_TYPES) expect(JSON.stringify(doc.components.schemas)).toContain(`"const":"${t}"`);
  });

  it('accepts one example of every ingestable event type taken from the document, and refuses the internal ones', async () => {
    const examples = doc.paths['/api/v1/events']?.post?.requestBody?.content['application/json']?.examples ?? {};
    const values = Object.values(examples).map((e) => e.value);
    expect(values.map((v) => v.type).sort()).toEqual([...EVENT_TYPES].sort());
    for (const v of values) {
      const r = await app.post('/api/v1/events', v);
      const answer = r.json as { accepted: number; rejected: { errors: { rule: string }[] }[] };
      if (INTERNAL_EVENT_TYPES.includes(v.type)) {
        expect(answer.accepted, v.type).toBe(0);
        expect(answer.rejected[0]?.errors[0]?.rule, v.type).toBe('internal');
      } else {
        expect(r.status, `${v.type}: ${r.text}`).toBe(200);
        expect(answer.accepted, v.type).toBe(1);
      }
    }
  });

  it('states each route\'s access as the route enforces it', async () => {
    const tokens = { operator: OPERATOR_TOKEN, executive: EXECUTIVE_TOKEN, display: DISPLAY_TOKEN } as const;
    const concrete = (path: string): string => path.replace(':appId', 'some-app').replace(':alertId', 'some-alert');
    const denied = (status: number): boolean => status === 401 || status === 403;
    for (const d of ROUTE_DOCS) {
      const path = concrete(d.path);
      const call = (token: string | null) => (d.method === 'get' ? app.get(path, token) : app.post(path, d.path.includes('asterisk') ? 'x' : [], { token, type: d.path.includes('asterisk') ? 'text/plain' : 'application/json' }));
      if (d.access === 'public') {
        expect(denied((await call(null)).status), `${d.method} ${d.path} without a credential`).toBe(false);
      } else if (d.access === 'ingest') {
        expect((await call(OPERATOR_TOKEN)).status, `${d.path} with a viewer token`).toBe(403);
        expect(denied((await call(INGEST_KEY)).status), `${d.path} with an ingest key`).toBe(false);
      } else {
        // The presenter, like the visitor, reads only the demo space: it is judged where the
        // route names it (the demo controls), not on the read routes it reaches as a demo viewer.
        const asked = d.access.roles.includes('presenter') ? { ...tokens, presenter: PRESENTER_TOKEN } : tokens;
        for (const [role, token] of Object.entries(asked)) {
          const status = (await call(token)).status;
          expect(denied(status), `${d.method} ${d.path} as ${role}: ${status}`).toBe(!d.access.roles.includes(role as Role));
        }
        expect((await call(INGEST_KEY)).status, `${d.path} with an ingest key`).toBe(403);
      }
    }
  });

  it('serves a readable page without any external asset', async () => {
    const r = await app.get('/api/docs');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.text).toContain('POST</span> <code>/api/v1/events</code>');
    expect(r.text).not.toMatch(/<script|<link|src="http|href="http/);
  });
});
