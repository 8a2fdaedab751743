import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { OPERATIONS, ROUTES } from '../../worker/app.ts';
import { ErrorBody } from '../../worker/errors.ts';
import { openApiPath, responseSchema, type OpenApiDocument } from '../../worker/openapi/document.ts';
import { MEDIA_TYPES, type Operation } from '../../worker/openapi/operation.ts';

// The deployed worker (real data, pages and pictures), as wrangler.toml builds it.
const worker = (exports as unknown as { default: { fetch(url: string, init?: RequestInit): Promise<Response> } }).default;
const ORIGIN = 'http://atlas.test';
const doc = (await (await worker.fetch(`${ORIGIN}/api/openapi.json`)).json()) as OpenApiDocument;
type Get = OpenApiDocument['paths'][string]['get'];
const operations = Object.entries(doc.paths).map(([path, { get }]) => ({ path, get: get as Get }));
/** Each documented path's operation, as its route module declares it. */
const declared = new Map<string, Operation>(OPERATIONS.map((op) => [openApiPath(op.path), op]));
const JSON_TYPES: string[] = [MEDIA_TYPES.json, MEDIA_TYPES.geojson];

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document of this data version', async () => {
    const health = (await (await worker.fetch(`${ORIGIN}/api/health`)).json()) as { version: string };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe(health.version);
    expect(doc.servers).toEqual([{ url: ORIGIN }]);
  });

  it('describes every route the worker serves, and nothing else', () => {
    expect(Object.keys(doc.paths).sort()).toEqual(ROUTES.map(openApiPath).sort());
  });

  it('declares every path parameter, with the validating schema of every query parameter', () => {
    for (const { path, get } of operations) {
      const declared = (get.parameters as { name: string; in: string; schema: object }[]).filter((p) => p.in === 'path').map((p) => p.name);
      expect(declared.sort(), path).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
      for (const p of get.parameters as { name: string; schema: Record<string, unknown> }[]) expect(Object.keys(p.schema).length, `${path} ${p.name}`).toBeGreaterThan(0);
    }
    const reach = doc.paths['/api/reach'].get.parameters as { name: string; required: boolean; schema: Record<string, unknown> }[];
    expect(reach.find((p) => p.name === 'from')).toMatchObject({ required: true, schema: { type: 'string', minLength: 1 } });
    expect(reach.find((p) => p.name === 'year')).toMatchObject({ required: false, schema: { type: 'string', pattern: '^\\d{4}$' } });
  });

  it('documents the schema of every JSON response, generated from the schema the test holds answers to', () => {
    for (const { path, get } of operations) {
      const op = declared.get(path)!;
      const content = (get.responses as Record<string, { content?: Record<string, { schema?: object }> }>)[op.ok.status ?? 200].content;
      if (!JSON_TYPES.includes(op.ok.type)) continue;
      expect(op.ok.schema, `${path} has a response schema`).toBeDefined();
      expect(content?.[op.ok.type]?.schema, path).toEqual(responseSchema(op.ok.schema!));
    }
  });

  it('documents the embed pages’ errors as the HTML pages they are, and every other error as the JSON error', () => {
    const responses = (path: string) => doc.paths[path].get.responses as Record<string, { $ref?: string; content?: Record<string, unknown> }>;
    expect(Object.keys(responses('/embed')[400].content ?? {})).toEqual([MEDIA_TYPES.html]);
    expect(Object.keys(responses('/embed/{view}')[404].content ?? {})).toEqual([MEDIA_TYPES.html]);
    // The worker answers 405 and 413 before any route: JSON there too.
    expect(responses('/embed/{view}')[405].$ref).toBe('#/components/responses/E405');
    for (const { path, get } of operations)
      for (const [status, r] of Object.entries(get.responses as Record<string, { $ref?: string; content?: Record<string, unknown> }>))
        if (Number(status) >= 400 && !declared.get(path)!.errorPage) expect(r.$ref, `${path} ${status}`).toBe(`#/components/responses/E${status}`);
    expect(doc.components.responses.E404.content).toHaveProperty(['application/json']);
  });

  it('gives examples for every route, a successful one among them, each with documented parameters', () => {
    for (const { path, get } of operations) {
      expect(get['x-examples'].some((e) => e.status < 400), path).toBe(true);
      if (get['x-lenient-query']) continue;
      const names = new Set((get.parameters as { name: string }[]).map((p) => p.name));
      for (const e of get['x-examples']) for (const name of new URL(e.request, ORIGIN).searchParams.keys()) expect(names.has(name) || e.status === 400, `${e.request}: ${name}`).toBe(true);
    }
  });

  it.each(operations.flatMap(({ path, get }) => get['x-examples'].map((e) => [e.request, e.status, path, e.type] as const)))('answers %s with %i, as described', async (request, status, path, type) => {
    const res = await worker.fetch(`${ORIGIN}${request}`, { redirect: 'manual' });
    expect(res.status).toBe(status);
    const documented = doc.paths[path].get.responses as Record<string, { content?: Record<string, unknown>; $ref?: string }>;
    expect(documented[status], `status ${status} is documented`).toBeDefined();
    const contentType = res.headers.get('Content-Type') ?? '';
    // The headers every response carries, and those of pages and of cacheable answers.
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    if (contentType.startsWith('text/html')) expect(res.headers.get('Content-Security-Policy')).toMatch(/script-src 'self'|default-src 'none'/);
    if (status === 200 && !contentType.startsWith('text/html') && path !== '/api/health' && path !== '/api/config') {
      expect(res.headers.get('ETag')).toMatch(/^"[0-9a-f]{8}-[\w-]+"$/);
      expect(res.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+/);
    }
    if (status >= 400) {
      // Each error in the media type documented for it: the API's JSON error, or an embed's page.
      const media = documented[status].$ref ? MEDIA_TYPES.json : Object.keys(documented[status].content ?? {})[0];
      expect(contentType.split(';')[0]).toBe(media);
      if (media === MEDIA_TYPES.html) expect(await res.text()).toMatch(/^<!doctype html>[\s\S]*<a [^>]*href="\/(\?lang=en)?"/);
      else expect(ErrorBody.safeParse(await res.json()).success).toBe(true);
    } else if (status === 200) {
      const media = contentType.split(';')[0];
      expect(media).toBe(type ?? Object.keys(documented[200].content ?? {})[0]);
      // A JSON answer holds to its documented schema (the zod schema the description is generated from).
      const { schema } = declared.get(path)!.ok;
      if (JSON_TYPES.includes(media)) {
        const parsed = schema!.safeParse(await res.json());
        expect(parsed.success, parsed.error?.message).toBe(true);
      } else expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
    } else if (status === 301) expect(res.headers.get('Location')).toBeTruthy();
    else expect(await res.arrayBuffer()).toHaveProperty('byteLength', 0);
  });
});

describe('GET /api/docs', () => {
  it('is a readable page of every route that needs nothing from elsewhere', async () => {
    const res = await worker.fetch(`${ORIGIN}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(res.headers.get('Content-Security-Policy')).toMatch(/default-src 'none'; style-src 'self'/);
    const html = await res.text();
    for (const path of Object.keys(doc.paths)) expect(html).toContain(`<code>GET ${path.replace(/&/g, '&amp;')}</code>`);
    expect(html).not.toMatch(/<script/i);
    // Every link and stylesheet is the atlas's own, or a place in the page.
    for (const [, url] of html.matchAll(/(?:href|src)="([^"]*)"/g)) expect(url, url).toMatch(/^(\/|#)/);
    expect(html).toContain('<caption>Parameters</caption>');
  });
});

describe('GET /api/impact on the real data', () => {
  it('ranks the usable projects, lists the rest with why, and states its caveats in both languages', async () => {
    const r = (await (await worker.fetch(`${ORIGIN}/api/impact?year=2027&minutes=60`)).json()) as {
      year: number;
      projects: { id: string; rank: number; with: string; alone: { saved_sum: number; area_km2: number } }[];
      complete: { saved_sum: number; with: string[] };
      unusable: { id: string; reason: string; reason_text: { zh: string; en: string } }[];
      caveats: { zh: string[]; en: string[] };
    };
    expect(r.year).toBe(2027);
    expect(r.projects.map((p) => p.rank)).toEqual(r.projects.map((_, i) => i + 1));
    for (const p of r.projects) {
      expect(p.with).toBe(`with=${p.id}`);
      expect(r.complete.saved_sum).toBeGreaterThanOrEqual(p.alone.saved_sum);
    }
    expect(r.complete.with).toEqual(r.projects.map((p) => p.id).sort());
    expect(r.unusable.length).toBeGreaterThan(0);
    for (const u of r.unusable) expect(u.reason_text.en.length).toBeGreaterThan(0);
    expect(r.caveats.zh.length).toBe(r.caveats.en.length);
    expect(r.caveats.en.join(' ')).toMatch(/timetables/);
  });
});
