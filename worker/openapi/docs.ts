/**
 * The API reference as one HTML page, rendered in the worker from the OpenAPI
 * document: no script and no outside request, so it reads offline and under
 * the strictest CSP. Its stylesheet is the page's own (`/docs.css`).
 */
import { escapeMarkup as esc } from '../../geo/escape.ts';
import type { OpenApiDocument } from './document.ts';

type Parameter = { name: string; in: string; required: boolean; description?: string; schema: Record<string, unknown> };

/** A parameter's schema in a few words: type, pattern, choices, default. */
function schemaText(s: Record<string, unknown>): string {
  const parts: string[] = [];
  if (Array.isArray(s.enum)) parts.push(`one of ${s.enum.map((v) => `<code>${esc(String(v))}</code>`).join(', ')}`);
  else if (typeof s.type === 'string') parts.push(esc(s.type));
  if (typeof s.pattern === 'string') parts.push(`matching <code>${esc(s.pattern)}</code>`);
  if (typeof s.maxLength === 'number') parts.push(`at most ${s.maxLength} characters`);
  if (s.default !== undefined) parts.push(`default <code>${esc(Array.isArray(s.default) ? s.default.join(',') : String(s.default))}</code>`);
  return parts.join(', ');
}

/** Escaped prose, with `backticked` words as code (the descriptions are written that way). */
const prose = (text: string) => esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');

/** An id for a path's section, for links within the page. */
const anchor = (path: string) => `op-${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'root'}`;

/**
 * Renders the reference page.
 *
 * @param doc - the OpenAPI document
 * @returns the whole HTML page
 * @example
 * c.html(renderDocs(openApiDocument(bundle)));
 */
export function renderDocs(doc: OpenApiDocument): string {
  const ops = Object.entries(doc.paths).map(([path, { get }]) => ({ path, get }));
  const sections = doc.tags.map((tag) => {
    const mine = ops.filter((o) => (o.get.tags as string[]).includes(tag.name));
    return `<section aria-labelledby="tag-${esc(tag.name)}">
  <h2 id="tag-${esc(tag.name)}">${esc(tag.name)}</h2>
  <p>${esc(tag.description)}</p>
  ${mine.map(({ path, get }) => operationHtml(path, get)).join('\n  ')}
</section>`;
  });
  const toc = ops.map(({ path, get }) => `<li><a href="#${anchor(path)}"><code>GET ${esc(path)}</code></a> ${esc(get.summary)}</li>`).join('\n      ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>${esc(doc.info.title)}</title>
  <link rel="stylesheet" href="/docs.css" />
  <link rel="alternate" type="application/json" href="/api/openapi.json" title="OpenAPI 3.1" />
</head>
<body>
  <header>
    <h1>${esc(doc.info.title)}</h1>
    <p>${prose(doc.info.description)}</p>
    <p>Data version <code>${esc(doc.info.version)}</code> · OpenAPI ${esc(doc.openapi)}: <a href="/api/openapi.json">/api/openapi.json</a> · <a href="/">the atlas</a></p>
  </header>
  <nav aria-label="Routes">
    <ul>
      ${toc}
    </ul>
  </nav>
  <main>
${sections.join('\n')}
  <section aria-labelledby="errors">
    <h2 id="errors">Errors</h2>
    <p>Every error of the API is JSON (the embed pages answer theirs with a short HTML page): <code>{ "error": { "code": "…", "message": "…" } }</code>. Codes: ${(
      ((doc.components.schemas.Error.properties as Record<string, { properties: Record<string, { enum?: string[] }> }>).error.properties.code.enum ?? []) as string[]
    )
      .map((c) => `<code>${esc(c)}</code>`)
      .join(', ')}.</p>
  </section>
  </main>
</body>
</html>
`;
}

function operationHtml(path: string, get: OpenApiDocument['paths'][string]['get']): string {
  const params = get.parameters as Parameter[];
  const rows = params
    .map(
      (p) =>
        `<tr><th scope="row"><code>${esc(p.name)}</code></th><td>${esc(p.in)}${p.required ? ', required' : ''}</td><td>${schemaText(p.schema)}</td><td>${prose(p.description ?? '')}</td></tr>`,
    )
    .join('\n        ');
  const table = params.length
    ? `<table>
      <caption>Parameters</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Schema</th><th scope="col">Meaning</th></tr></thead>
      <tbody>
        ${rows}
      </tbody>
    </table>`
    : '<p>No parameters.</p>';
  const responses = Object.entries(get.responses as Record<string, { description?: string; $ref?: string; content?: Record<string, unknown> }>)
    .map(([status, r]) => `<li><code>${esc(status)}</code> ${r.$ref ? 'error (JSON)' : `${prose(r.description ?? '')}${r.content ? ` <code>${esc(Object.keys(r.content).join(', '))}</code>` : ''}`}</li>`)
    .join('');
  const examples = get['x-examples'].map((e) => `<li><a href="${esc(e.request)}"><code>${esc(e.request)}</code></a> → ${e.status}: ${esc(e.summary)}</li>`).join('');
  return `<article id="${anchor(path)}">
    <h3><code>GET ${esc(path)}</code> ${esc(get.summary)}</h3>
    ${get.description ? `<p>${prose(get.description)}</p>` : ''}
    ${get['x-lenient-query'] ? '<p>Values it cannot read fall back to their defaults; unknown parameters are ignored.</p>' : ''}
    ${table}
    <h4>Responses</h4>
    <ul>${responses}</ul>
    <h4>Examples</h4>
    <ul>${examples}</ul>
  </article>`;
}
