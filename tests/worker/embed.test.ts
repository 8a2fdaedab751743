import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../geo/bundle.ts';
import { embedSize } from '../../geo/embed-size.ts';
import { createApp } from '../../worker/app.ts';
import { fixtureLayers } from '../fixtures/layers.ts';
import { HOSTILE_VIEW } from '../fixtures/views.ts';

const app = createApp({ data: buildBundle(fixtureLayers(), '', [HOSTILE_VIEW]) });
const get = (path: string, init?: RequestInit) => app.request(`http://atlas.test${path}`, init);
const worker = (exports as unknown as { default: { fetch(url: string): Promise<Response> } }).default;

describe('feature and view text from the data, wherever the worker shows it', () => {
  it('escapes a hostile seat name in the pictures and a hostile view title in oEmbed HTML and XML', async () => {
    const layers = fixtureLayers();
    const seat = layers.places.features.find((f) => (f.properties as { focus?: boolean }).focus)!;
    seat.properties = { ...seat.properties, name_zh: '<img src=x onerror=alert(1)>' };
    const hostileApp = createApp({ data: buildBundle(layers, 'hostile-names', [HOSTILE_VIEW]) });
    const svg = await (await hostileApp.request('http://atlas.test/static/hostile.svg')).text();
    expect(svg).toContain('class="label">&lt;img src=x onerror=alert(1)&gt;</text>');
    expect(svg).not.toMatch(/<img|<script/);

    const json = (await (await get(`/oembed?url=${encodeURIComponent('http://atlas.test/embed/hostile')}`)).json()) as { title: string; html: string };
    expect(json.title).toBe('<img src=x onerror=alert(1)> · "><script>alert(1)</script>'); // JSON text: the consumer escapes it
    expect(json.html).toContain('title="&lt;img src=x onerror=alert(1)&gt; · &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(json.html.match(/</g)).toHaveLength(4); // <iframe …></iframe><script …></script> and nothing else
    const xml = await (await get(`/oembed?url=${encodeURIComponent('http://atlas.test/embed/hostile')}&format=xml`)).text();
    expect(xml).not.toMatch(/<img|<script|<iframe/);
    expect(xml).toContain('<title>&lt;img src=x onerror=alert(1)&gt; · &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
  });
});

describe('GET /static/:view.svg', () => {
  it('draws the view, its reach and its legend, with every text escaped', async () => {
    const res = await get('/static/hostile.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers.get('ETag')).toMatch(/^"[0-9a-f]{8}-[0-9a-f]{16}"$/);
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1200" height="630"/);
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('说明 &amp; &lt;b&gt;粗体&lt;/b&gt;');
    expect(svg).toMatch(/<circle /); // the port and the stations
    expect(svg).toMatch(/fill="#48015d" fill-opacity="0\.2"/); // the 30-minute band
    expect(svg).toContain('≤ 30 分钟'); // and its key
    expect(svg).toContain('stroke-dasharray'); // the planned line is dotted
  });

  it('takes a size, a language and a theme, and answers 304 to a matching ETag', async () => {
    const res = await get('/static/hostile.svg?width=800&height=500&lang=en&theme=dark');
    const svg = await res.text();
    expect(svg).toMatch(/width="800" height="500"/);
    expect(svg).toContain('&quot;&gt;&lt;script&gt;');
    expect(svg).toContain('#101418');
    const again = await get('/static/hostile.svg?width=800&height=500&lang=en&theme=dark', { headers: { 'If-None-Match': res.headers.get('ETag')! } });
    expect(again.status).toBe(304);
  });

  it('draws an explorer state as well as a named view', async () => {
    const res = await get('/static/view.svg?year=2030&off=rivers&from=wanzhou&bands=30');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<svg');
  });

  it.each([
    ['/static/atlantis.svg', 404, /unknown view "atlantis"/],
    ['/static/hostile.gif', 404, /expected \/static\/<view>\.svg/],
    ['/static/hostile.png', 404, /PNG images are not available here/],
    ['/static/hostile.svg?width=20', 400, /^width: expected width in pixels, 200–2400/],
    ['/static/hostile.svg?colour=red', 400, /unknown parameter "colour"/],
    ['/static/view.svg?from=atlantis', 400, /^from: /],
  ])('refuses %s', async (path, status, message) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
  });
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  expect([...bytes.slice(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('GET /static/:view.png, as the deployed worker draws it', () => {
  it('is a PNG of the requested size and scale', async () => {
    const res = await worker.fetch('http://atlas.test/static/ports.png?width=600&height=400&scale=2');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/png');
    expect(res.headers.get('ETag')).toBeTruthy();
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(pngSize(bytes)).toEqual({ width: 1200, height: 800 });
    // A blank 1200 × 800 image compresses to a few kB; a map does not.
    expect(bytes.length).toBeGreaterThan(30_000);
  });

  it('draws a print copy 3000 px wide, its layout (and text) scaled with it', async () => {
    const res = await worker.fetch('http://atlas.test/static/ports.png?print=1&lang=en');
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(pngSize(bytes)).toEqual({ width: 3000, height: 1575 });
    const bad = await worker.fetch('http://atlas.test/static/ports.png?print=2');
    expect(bad.status).toBe(400);
  });

  it('draws every named view as a PNG at the default size', async () => {
    // resvg once panicked on an element-opacity layer in the ports view at 1200 × 630 (a 500).
    const { views } = (await (await worker.fetch('http://atlas.test/api/views')).json()) as { views: { id: string }[] };
    for (const { id } of views) {
      const res = await worker.fetch(`http://atlas.test/static/${id}.png`);
      expect(res.status, id).toBe(200);
      expect(pngSize(new Uint8Array(await res.arrayBuffer()))).toEqual({ width: 1200, height: 630 });
    }
  });

  it('names the PNG as the preview image of the pages', async () => {
    const html = await (await worker.fetch('http://atlas.test/embed/ports')).text();
    expect(html).toContain('<meta property="og:image" content="http://atlas.test/static/ports.png"');
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image"');
  });
});

describe('the pages, as the deployed worker serves them', () => {
  it('serves an embed that any site may frame, with its picture for readers without JavaScript', async () => {
    const res = await worker.fetch('http://atlas.test/embed/ports?lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Security-Policy')).toMatch(/frame-ancestors \*/);
    const html = await res.text();
    expect(html).toContain('<noscript><img id="fallback" src="http://atlas.test/static/ports.png?lang=en"');
    expect(html).toContain('type="application/json+oembed"');
    expect(html).toContain('property="og:title"');
    expect(html).not.toMatch(/<script>(?!<\/script>)/); // no inline script
  });

  it('keeps a URL’s own characters out of the page’s markup', async () => {
    const html = await (await worker.fetch('http://atlas.test/embed?year=2027&x=$`&utm_source=news')).text();
    expect(html.match(/<!doctype html>/gi)).toHaveLength(1);
    // The picture takes the state, not whatever else the link carries.
    expect(html).toContain('<noscript><img id="fallback" src="http://atlas.test/static/view.png?year=2027"');
  });

  it('refuses a picture too large to draw', async () => {
    const res = await worker.fetch('http://atlas.test/static/ports.png?width=2400&height=2400&scale=3');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/at most 4800000/);
  });

  it('serves the explorer, which only it may frame', async () => {
    const res = await worker.fetch('http://atlas.test/');
    expect(res.headers.get('Content-Security-Policy')).toMatch(/frame-ancestors 'self'/);
    expect(res.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
    expect(await res.text()).toContain('type="application/json+oembed"');
  });

  it('answers oEmbed for its own pages only', async () => {
    const ok = await worker.fetch(`http://atlas.test/oembed?url=${encodeURIComponent('http://atlas.test/embed/ports')}&maxwidth=400`);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { type: string; version: string; width: number; html: string };
    expect(body).toMatchObject({ type: 'rich', version: '1.0', width: 400 });
    expect(body.html).toMatch(/^<iframe data-atlas-frame src="http:\/\/atlas\.test\/embed\/ports" title="[^"]+"/);
    expect(body.html).toContain('<script src="http://atlas.test/embed.js" async></script>');
    expect((await worker.fetch(`http://atlas.test/oembed?url=${encodeURIComponent('https://elsewhere.example/embed/ports')}`)).status).toBe(404);
    const xml = await worker.fetch(`http://atlas.test/oembed?url=${encodeURIComponent('http://atlas.test/embed/ports')}&format=xml`);
    expect(xml.status).toBe(200);
    expect(xml.headers.get('Content-Type')).toBe('text/xml; charset=utf-8');
    const text = await xml.text();
    expect(text).toMatch(/^<\?xml version="1\.0" encoding="utf-8" standalone="yes"\?>\n<oembed><version>1\.0<\/version><type>rich<\/type>/);
    expect(text).toContain('<html>&lt;iframe data-atlas-frame src=&quot;http://atlas.test/embed/ports&quot;');
  });
});

describe('oEmbed heights', () => {
  const oembed = async (view: string, q: string) =>
    (await (await worker.fetch(`http://atlas.test/oembed?url=${encodeURIComponent(`http://atlas.test/embed/${view}`)}&${q}`)).json()) as { width: number; height: number; html: string };

  it('answers the embed’s measured height at the width, not one height for all', async () => {
    for (const [view, width] of [['one-hour-circle-2027', 360], ['one-hour-circle-2027', 640], ['ports', 360], ['project-impact', 640]] as const) {
      const body = await oembed(view, `maxwidth=${width}`);
      expect(body.width).toBe(width);
      expect(body.height, `${view} at ${width}`).toBe(embedSize(view, width).height);
      expect(body.html).toContain(`height="${body.height}"`);
    }
    expect((await oembed('one-hour-circle-2027', 'maxwidth=360')).height).toBeGreaterThan((await oembed('ports', 'maxwidth=360')).height);
  });

  it('honours maxheight by leaving out the matrix, then the legend, then shortening the map', async () => {
    const whole = await oembed('one-hour-circle-2027', 'maxwidth=640');
    const noMatrix = await oembed('one-hour-circle-2027', `maxwidth=640&maxheight=${whole.height - 1}`);
    expect(noMatrix.height).toBeLessThan(whole.height);
    expect(noMatrix.html).toContain('/embed/one-hour-circle-2027?matrix=0"');
    const bare = await oembed('one-hour-circle-2027', 'maxwidth=640&maxheight=400');
    expect(bare.height).toBeLessThanOrEqual(400);
    expect(bare.html).toMatch(/\?matrix=0&amp;legend=0&amp;height=\d+"/);
  });
});

describe('an embed whose view or state is wrong', () => {
  it('answers a mistyped view with a friendly page in the page’s language, linking to the atlas', async () => {
    for (const [path, lang, words] of [['/embed/one-hour-circl', 'zh-CN', '找不到这幅地图'], ['/embed/nowhere?lang=en', 'en', 'This map cannot be found'], ['/embed/ports/extra', 'zh-CN', '找不到这幅地图']] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
      expect(res.headers.get('Content-Security-Policy')).toMatch(/frame-ancestors \*/);
      const html = await res.text();
      expect(html).toContain(`<html lang="${lang}"`);
      expect(html).toContain(words);
      expect(html).toMatch(/<a class="open" href="\/(\?lang=en)?"/);
    }
  });

  it('answers a state naming an unknown origin with a 400 page, the value escaped', async () => {
    const res = await get(`/embed?from=${encodeURIComponent('<b>x</b>')}&lang=en`);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('from=&lt;b&gt;x&lt;/b&gt;');
    expect(html).not.toContain('<b>x');
    expect((await get('/embed?from=108.4,30.8&year=2027')).status).not.toBe(400);
    // The API keeps its JSON.
    expect((await get('/api/views/nowhere')).headers.get('Content-Type')).toMatch(/json/);
  });
});
