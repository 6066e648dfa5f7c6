// The OpenAPI document as one self-contained HTML page (GET /api/docs): rendered on the server,
// no script and no external asset, so it reads the same offline, on a city LAN, and under the
// app's Content-Security-Policy. Schemas are shown as JSON: exact, and what integrators copy.
type Json = Record<string, unknown>;

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Escaped text with `code` spans, the one piece of Markdown the descriptions use. */
function prose(s: string): string {
  return esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function pretty(v: unknown): string {
  return `<pre>${esc(JSON.stringify(v, null, 2))}</pre>`;
}

function accessText(access: unknown): string {
  if (access === 'public') return 'public';
  if (access === 'ingest') return 'ingest key (Bearer)';
  const roles = (access as { roles?: string[] } | undefined)?.roles ?? [];
  return `viewer token (Bearer): ${roles.join(', ')}`;
}

function operationHtml(path: string, method: string, op: Json): string {
  const id = String(op.operationId);
  const params = (op.parameters as Json[] | undefined) ?? [];
  const body = op.requestBody as { description?: string; content?: Record<string, { schema: unknown; examples?: Record<string, { summary: string; value: unknown }> }> } | undefined;
  const responses = (op.responses as Record<string, { description: string; content?: Record<string, { schema: unknown }> }> | undefined) ?? {};
  const rows = params.map((p) => `<tr><td><code>${esc(String(p.name))}</code></td><td>${esc(String(p.in))}</td><td>${p.required ? 'yes' : ''}</td><td>${pretty(p.schema)}</td></tr>`).join('');
  const bodyHtml = body?.content
    ? Object.entries(body.content).map(([type, c]) => `<h4>Body <code>${esc(type)}</code></h4><p>${prose(body.description ?? '')}</p>${pretty(c.schema)}${
      c.examples ? `<h4>Examples</h4>${Object.values(c.examples).map((e) => `<details><summary>${esc(e.summary)}</summary>${pretty(e.value)}</details>`).join('')}` : ''
    }`).join('')
    : '';
  const answers = Object.entries(responses).map(([status, r]) => {
    const content = Object.entries(r.content ?? {}).map(([type, c]) => `<details><summary><code>${esc(type)}</code></summary>${pretty(c.schema)}</details>`).join('');
    return `<tr><td>${esc(status)}</td><td>${prose(r.description)}${content}</td></tr>`;
  }).join('');
  return `<section id="${esc(id)}"><h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p><b>${prose(String(op.summary ?? ''))}</b></p>${op.description ? `<p>${prose(String(op.description))}</p>` : ''}
<p>Access: ${esc(accessText(op['x-pantau-access']))}</p>
${rows ? `<table><tr><th>Parameter</th><th>In</th><th>Required</th><th>Schema</th></tr>${rows}</table>` : ''}
${bodyHtml}<table><tr><th>Status</th><th>Answer</th></tr>${answers}</table></section>`;
}

export function renderDocsHtml(doc: Json): string {
  const info = doc.info as { title: string; version: string; description: string };
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const schemas = ((doc.components as Json).schemas ?? {}) as Record<string, unknown>;
  const ops = Object.entries(paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ path, method, op })));
  const toc = ops.map(({ path, method, op }) => `<li><a href="#${esc(String(op.operationId))}">${esc(method.toUpperCase())} ${esc(path)}</a> — ${prose(String(op.summary ?? ''))}</li>`).join('');
  const schemes = Object.entries(((doc.components as Json).securitySchemes ?? {}) as Record<string, { scheme?: string; description?: string }>);
  const auth = `<table><tr><th>Scheme</th><th>Header</th><th>What</th></tr>${schemes.map(([name, sc]) => `<tr><td><code>${esc(name)}</code></td><td><code>Authorization: Bearer …</code> (${esc(sc.scheme ?? '')})</td><td>${prose(sc.description ?? '')}</td></tr>`).join('')}</table>`;
  const comps = Object.entries(schemas).map(([name, s]) => `<section id="schema-${esc(name)}"><h3>${esc(name)}</h3>${pretty(s)}</section>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(info.title)}</title><style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1rem 2rem;color:#1b2430;background:#fff}
h1{margin-bottom:0}pre{background:#f3f5f8;padding:.6rem;overflow:auto;font-size:12px;max-height:28rem;white-space:pre-wrap;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border:1px solid #d5dbe3;padding:.3rem .5rem;vertical-align:top;text-align:left}
section{border-top:1px solid #d5dbe3;padding-top:.5rem}.m{display:inline-block;min-width:3.5rem;text-align:center;color:#fff;border-radius:3px;padding:0 .3rem}
.get{background:#2f6f4e}.post{background:#1f5aa6}code{font-size:.95em}
</style></head><body>
<h1>${esc(info.title)}</h1><p>Version ${esc(info.version)} · OpenAPI ${esc(String(doc.openapi))} · <a href="/api/v1/openapi.json">openapi.json</a></p>
<p>${prose(info.description)}</p>
<h2>Authentication</h2>${auth}
<h2>Routes</h2><ul>${toc}</ul>${ops.map(({ path, method, op }) => operationHtml(path, method, op)).join('\n')}
<h2>Schemas</h2>${comps}
</body></html>`;
}
