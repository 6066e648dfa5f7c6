// Builds the OpenAPI 3.1 document from the route registry (route-docs.ts) and the zod schemas
// (z.toJSONSchema, JSON Schema 2020-12, which OpenAPI 3.1 uses as is). Named shapes (every event
// type, the answers, the error) become components; everything else is inlined. Pure: the same
// registry and city give the same document.
import { z } from 'zod';
import * as events from '../../../shared/contract/events.ts';
import { ErrorAnswer, FieldError, IngestAnswer, Rejected } from '../../../shared/contract/ingest.ts';
import { AlertView } from '../../../shared/contract/views.ts';
import { eventExamples } from './event-examples.ts';
import { ROUTE_DOCS, type Access, type RouteDoc } from './route-docs.ts';

type Json = Record<string, unknown>;

/**
 * Rules zod checks in refinements, which JSON Schema cannot say: shown as each schema's
 * description so that an integrator reads them next to the fields.
 */
const LOCATION_RULES = 'lat and lon come together; a location needs { lat, lon } or { kecamatan } (or both). A kecamatan must be one of the city profile\'s BPS codes (GET /api/v1/city).';

/** The event schemas by component name, in the order of the union. */
function eventComponents(): [string, z.ZodType][] {
  return events.PantauEvent.options.map((o) => {
    const type = o.shape.type.value;
    const name = type.split(/[._]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
    return [name, o];
  });
}

function registry(): z.core.$ZodRegistry<{ id: string; description?: string }> {
  const reg = z.registry<{ id: string; description?: string }>();
  reg.add(events.Location, { id: 'Location', description: LOCATION_RULES });
  for (const [name, schema] of eventComponents()) {
    const type = (schema as z.ZodObject<{ type: z.ZodLiteral<string> }>).shape.type.value;
    const internal = events.INTERNAL_EVENT_TYPES.includes(type);
    reg.add(schema, { id: name, description: internal ? `${type}: written by Pantau itself (detectors, operators); ingest keys are refused with rule "internal".` : `${type}` });
  }
  reg.add(events.PantauEvent, { id: 'PantauEvent', description: 'Any event, told apart by `type`. Times are ISO-8601 with an offset; ids are unique per source (a repeat is a duplicate, not stored twice).' });
  reg.add(ErrorAnswer, { id: 'Error', description: 'Errors that concern a whole request. `field` names the offending field when there is one.' });
  reg.add(FieldError, { id: 'FieldError' });
  reg.add(Rejected, { id: 'Rejected' });
  reg.add(IngestAnswer, { id: 'IngestAnswer' });
  reg.add(AlertView, { id: 'AlertView' });
  return reg;
}

const REF = '#/components/schemas/';

/** One schema, named shapes as $ref to the components, without a per-schema $schema. */
function schemaOf(schema: z.ZodType, reg: z.core.$ZodRegistry<{ id: string }>, io: 'input' | 'output'): Json {
  const raw = z.toJSONSchema(schema, { target: 'draft-2020-12', metadata: reg, io, unrepresentable: 'any' }) as Json;
  delete raw.$schema;
  delete raw.$defs;
  const text = JSON.stringify(raw).replaceAll('"#/$defs/', `"${REF}`);
  return JSON.parse(text) as Json;
}

function components(reg: z.core.$ZodRegistry<{ id: string }>): Json {
  const all = z.toJSONSchema(reg, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any', uri: (id) => REF + id }) as { schemas: Record<string, Json> };
  for (const s of Object.values(all.schemas)) {
    delete s.$schema;
    delete s.$id;
  }
  return all.schemas;
}

function security(access: Access): Json[] | undefined {
  if (access === 'public') return [];
  if (access === 'ingest') return [{ ingestKey: [] }];
  return [{ viewerToken: [] }];
}

function errorAnswers(doc: RouteDoc): Record<string, Json> {
  const err = (description: string): Json => ({ description, content: { 'application/json': { schema: { $ref: `${REF}Error` } } } });
  const out: Record<string, Json> = {};
  if (doc.query || doc.params || doc.body) out['400'] = err('A query, path or body field is invalid; `field` names it');
  if (doc.access !== 'public') {
    out['401'] = err('No credential, or an unknown one');
    out['403'] = err(doc.access === 'ingest' ? 'A viewer token, or a key not allowed for this space' : 'A role this route does not serve');
  }
  out['429'] = err('Too many failed credentials from this address, or over the ingest rate; see Retry-After');
  out['503'] = err('Redis is unavailable (nothing half-written); retry after Retry-After');
  return out;
}

function parameters(doc: RouteDoc, reg: z.core.$ZodRegistry<{ id: string }>): Json[] {
  const out: Json[] = [];
  const add = (where: 'query' | 'path', obj: z.ZodObject | undefined): void => {
    if (!obj) return;
    const s = schemaOf(obj, reg, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(s.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (s.required ?? []).includes(name), schema });
    }
  };
  add('path', doc.params);
  add('query', doc.query);
  return out;
}

function operation(doc: RouteDoc, reg: z.core.$ZodRegistry<{ id: string }>, examples: Record<string, unknown>): Json {
  const responses: Record<string, Json> = {};
  for (const [status, a] of Object.entries(doc.answers)) {
    const type = a.contentType ?? 'application/json';
    const schema = a.schema ? schemaOf(a.schema, reg, 'output') : { $ref: `${REF}Error` };
    responses[status] = { description: a.description, content: { [type]: { schema } } };
  }
  for (const [status, r] of Object.entries(errorAnswers(doc))) responses[status] ??= r;
  const op: Json = {
    operationId: `${doc.method}${doc.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    tags: [doc.tag],
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    'x-pantau-access': doc.access === 'public' || doc.access === 'ingest' ? doc.access : { roles: doc.access.roles },
    security: security(doc.access),
    parameters: parameters(doc, reg),
    responses,
  };
  if (doc.body) {
    const content: Record<string, Json> = {};
    for (const [type, schema] of Object.entries(doc.body.content)) {
      content[type] = { schema: schemaOf(schema, reg, 'input'), ...(doc.path === '/api/v1/events' && type === 'application/json' ? { examples } : {}) };
    }
    op.requestBody = { required: true, description: doc.body.description, content };
  }
  return op;
}

/** The OpenAPI path of an Express path: `:name` becomes `{name}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

export interface DocumentInput {
  city: { id: string; name: string; kecamatan: string; center: readonly [number, number] };
  version: string;
}

export function buildOpenApi(input: DocumentInput, docs: readonly RouteDoc[] = ROUTE_DOCS): Json {
  const reg = registry();
  const ex = eventExamples(input.city.kecamatan, input.city.center);
  const examples = Object.fromEntries(Object.entries(ex).map(([type, value]) => [type.replace('.', '_'), {
    summary: type,
    ...(events.INTERNAL_EVENT_TYPES.includes(type) ? { description: 'Written by Pantau; shown for readers of the stream and webhooks. Ingest keys are refused.' } : {}),
    value,
  }]));
  const paths: Record<string, Record<string, Json>> = {};
  for (const d of docs) (paths[openApiPath(d.path)] ??= {})[d.method] = operation(d, reg, examples);
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: `Pantau API — ${input.city.name}`,
      version: input.version,
      description: 'Events in (PBX, CAD, city apps), views and alerts out. Generated from the zod schemas the server validates with. Live changes travel over Socket.IO (`/socket.io`); alerts also leave as CAP 1.2 and signed webhooks (docs/integrations.md).',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    tags: ['ingest', 'views', 'calls', 'apps', 'alerts', 'reports', 'city', 'auth', 'demo', 'meta', 'operations'].map((name) => ({ name })),
    paths,
    components: {
      schemas: components(reg),
      securitySchemes: {
        ingestKey: { type: 'http', scheme: 'bearer', description: 'An ingest key of PANTAU_INGEST_KEYS (name:key), or the demo key for the demo space.' },
        viewerToken: { type: 'http', scheme: 'bearer', description: 'A role token: PANTAU_OPERATOR_TOKEN, PANTAU_EXECUTIVE_TOKEN or PANTAU_DISPLAY_TOKEN. Without one, a request is the demo viewer and reads the demo space only.' },
      },
    },
  };
}
