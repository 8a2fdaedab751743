import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../geo/bundle.ts';
import type { View } from '../../geo/views.ts';
import { createApp } from '../../worker/app.ts';
import { fixtureLayers } from '../fixtures/layers.ts';

// The edge cache is the runtime's own Cache API (workerd's, here). Each bundle gets a code
// fingerprint of its own so that no other test's entries can answer for it.
const VIEW: View = {
  id: 'wanzhou-reach',
  title: { zh: '万州通达', en: 'Reach of Wanzhou' },
  caption: { zh: '说明', en: 'caption' },
  layers: ['districts', 'rail', 'places'],
  year: 2027,
  camera: { center: [108.4, 30.9], zoom: 8 },
  reach: { from: ['wanzhou'], bands: [30, 60] },
  matrix: false,
};
const layers = fixtureLayers();
const bundle = (code: string) => buildBundle(layers, `${code}-${crypto.randomUUID()}`, [VIEW]);
const get = (app: ReturnType<typeof createApp>, path: string, init?: RequestInit) => app.request(`http://atlas.test${path}`, init);

describe('the edge cache (Workers Cache API)', () => {
  it('computes an analysis once for equal normalised queries, whichever isolate asks', async () => {
    const data = bundle('reach');
    const a = await get(createApp({ data }), '/api/reach?from=wanzhou&minutes=30,60');
    expect(a.status).toBe(200);
    expect(a.headers.get('X-Atlas-Cache')).toBe('miss');
    // A second app has an empty in-memory LRU, as a new isolate would: the edge has the answer.
    const b = await get(createApp({ data }), '/api/reach?minutes=60,30&from=wanzhou');
    expect(b.headers.get('X-Atlas-Cache')).toBe('hit');
    expect(b.headers.get('ETag')).toBe(a.headers.get('ETag'));
    expect(b.headers.get('Cache-Control')).toBe(a.headers.get('Cache-Control'));
    expect(b.headers.get('Content-Type')).toBe(a.headers.get('Content-Type'));
    expect(await b.text()).toBe(await a.text());
  });

  it('keeps layer reads, the other analyses and pictures as well', async () => {
    const data = bundle('all');
    for (const path of ['/api/layers/rail?year=2027', '/api/matrix?places=wanzhou;108.6,30.8&year=2023', '/api/network?year=2023', `/static/${VIEW.id}.svg?width=600&height=400`]) {
      expect((await get(createApp({ data }), path)).headers.get('X-Atlas-Cache'), path).toBe('miss');
      const again = await get(createApp({ data }), path);
      expect(again.status, path).toBe(200);
      expect(again.headers.get('X-Atlas-Cache'), path).toBe('hit');
    }
  });

  it('is invalidated by a new data version, not by waiting', async () => {
    const path = '/api/matrix?places=wanzhou;108.6,30.8&year=2030';
    const before = await get(createApp({ data: bundle('v1') }), path);
    expect(before.headers.get('X-Atlas-Cache')).toBe('miss');
    const after = await get(createApp({ data: bundle('v2') }), path);
    expect(after.headers.get('X-Atlas-Cache')).toBe('miss');
    expect(after.headers.get('ETag')).not.toBe(before.headers.get('ETag'));
  });

  it('keeps no errors and answers 304 before looking', async () => {
    const app = createApp({ data: bundle('errors') });
    for (let i = 0; i < 2; i++) {
      const res = await get(app, '/api/reach?from=atlantis');
      expect(res.status).toBe(400);
      expect(res.headers.get('X-Atlas-Cache')).toBeNull();
    }
    const ok = await get(app, '/api/plan?year=2027');
    const not = await get(app, '/api/plan?year=2027', { headers: { 'If-None-Match': ok.headers.get('ETag')! } });
    expect(not.status).toBe(304);
    expect(not.headers.get('X-Atlas-Cache')).toBeNull();
  });
});

describe('limits on the request itself', () => {
  it('refuses a URL longer than 4096 characters with 413, as JSON', async () => {
    const res = await get(createApp({ data: bundle('long') }), `/api/layers/rail?bbox=${'1'.repeat(5000)}`);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'too_large' } });
    for (const [name, value] of [
      ['X-Content-Type-Options', 'nosniff'],
      ['Referrer-Policy', 'strict-origin-when-cross-origin'],
      ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
      ['X-Frame-Options', 'DENY'],
      ['Access-Control-Allow-Origin', '*'],
    ])
      expect(res.headers.get(name), name).toBe(value);
  });
});
