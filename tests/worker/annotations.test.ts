/**
 * A newsroom's own embed in the worker: the pictures draw its title, caption, markers, highlight and
 * callout with every text escaped, and oEmbed answers its title and makes room for its texts.
 */
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { writeAnnotations, noAnnotations, type Annotations } from '../../geo/annotations.ts';
import { buildBundle } from '../../geo/bundle.ts';
import { embedSize } from '../../geo/embed-size.ts';
import { createApp } from '../../worker/app.ts';
import { fixtureLayers } from '../fixtures/layers.ts';
import { HOSTILE_VIEW } from '../fixtures/views.ts';

const worker = (exports as unknown as { default: { fetch(url: string): Promise<Response> } }).default;
const app = createApp({ data: buildBundle(fixtureLayers(), '', [HOSTILE_VIEW]) });
const get = (path: string) => app.request(`http://atlas.test${path}`);

const hostile: Annotations = {
  ...noAnnotations(),
  title: 'Port & <script>alert(1)</script>',
  caption: '说明 & <img src=x onerror=alert(1)>',
  marks: [{ at: [108.42, 30.85], label: 'A & B <script>x</script>' }],
  highlight: 'test-port',
  note: '"><svg onload=alert(1)> & more',
};
const query = (a: Annotations, more = 'year=2027') => `${more}&${writeAnnotations(a, new URLSearchParams()).toString()}`;

describe('a newsroom’s annotations in the pictures', () => {
  it('draws the title, caption, marker label and callout escaped, in a state’s picture and a named view’s', async () => {
    for (const path of [`/static/view.svg?${query(hostile)}`, `/static/hostile.svg?${query(hostile, 'lang=zh')}`]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      const svg = await res.text();
      expect(svg).not.toMatch(/<script|<img|<svg onload/);
      expect(svg).toContain('<title>Port &amp; &lt;script&gt;alert(1)&lt;/script&gt;</title>');
      expect(svg).toMatch(/class="title"[^>]*>Port &amp; &lt;script&gt;alert\(1\)&lt;\/script&gt;<\/text>/);
      expect(svg).toMatch(/class="caption"[^>]*>说明 &amp; &lt;img src=x onerror=alert\(1\)&gt;<\/text>/);
      expect(svg).toMatch(/class="label">A &amp; B &lt;script&gt;x&lt;\/script&gt;<\/text>/);
      expect(svg).toContain('&quot;&gt;&lt;svg onload=alert(1)&gt; &amp; more');
      expect(svg).toMatch(/<g class="mark" data-at="[\d.]+ [\d.]+">/);
      expect(svg).toContain('<g class="highlight">');
      // The picture names no layer's title in place of the editor's.
      expect(svg).not.toContain(HOSTILE_VIEW.title.zh);
    }
  });

  it('shows the labels chosen: all, the seats only, or none but the markers’', async () => {
    const labels = async (choice: Annotations['labels']) => {
      const svg = await (await get(`/static/hostile.svg?${query({ ...noAnnotations(), labels: choice, marks: [{ at: [108.5, 30.9], label: 'M' }] }, 'lang=zh')}`)).text();
      return [...svg.matchAll(/class="label">([^<]*)</g)].map((m) => m[1]);
    };
    const all = await labels('all');
    expect(all).toContain('M');
    expect(all).toContain('万州区');
    expect(all.length).toBeGreaterThan(2);
    expect(await labels('places')).toEqual(['M', '万州区']);
    expect(await labels('none')).toEqual(['M']);
  });

  it('gives a different ETag to a different annotation', async () => {
    const a = (await get(`/static/view.svg?${query({ ...noAnnotations(), note: 'a' })}`)).headers.get('ETag');
    const b = (await get(`/static/view.svg?${query({ ...noAnnotations(), note: 'b' })}`)).headers.get('ETag');
    expect(a).not.toBe(b);
  });
});

describe('a newsroom’s annotations in oEmbed', () => {
  it('answers the custom title, escaped in the HTML, and a frame tall enough for long texts', async () => {
    for (const page of [`http://atlas.test/embed?${query(hostile)}`, `http://atlas.test/embed/hostile?${query(hostile, 'lang=zh')}`]) {
      const json = (await (await get(`/oembed?url=${encodeURIComponent(page)}&maxwidth=360`)).json()) as { title: string; html: string; height: number };
      expect(json.title).toBe(hostile.title);
      expect(json.html).toContain('title="Port &amp; &lt;script&gt;alert(1)&lt;/script&gt;"');
      expect(json.html.match(/</g)).toHaveLength(4);
      const view = page.includes('hostile?') ? 'hostile' : 'view';
      expect(json.height, page).toBeGreaterThan(embedSize(view, 360).height);
      expect(json.height).toBe(embedSize(view, 360, { texts: hostile }).height);
      // Every marker survives the trip into the embed's URL.
      expect(json.html).toContain('mark=108.42%2C30.85%2CA');
    }
  });
});

describe('a newsroom’s annotations in the embed page', () => {
  it('titles the page and its link preview with the custom title, escaped, and draws its picture with the annotations', async () => {
    for (const path of [`/embed/ports?${query(hostile, 'lang=en')}`, `/embed?${query(hostile)}`]) {
      const html = await (await worker.fetch(`http://atlas.test${path}`)).text();
      expect(html).not.toMatch(/<script>alert|<img src=x|<svg onload/);
      expect(html).toContain('<h1 id="title">Port &amp; &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
      expect(html).toContain('<meta property="og:title" content="Port &amp; &lt;script&gt;alert(1)&lt;/script&gt;"');
      const src = /<img id="fallback" src="([^"]+)"/.exec(html)![1].replace(/&amp;/g, '&');
      const picture = new URL(src).searchParams;
      expect(picture.get('title')).toBe(hostile.title);
      expect(picture.get('mark')).toBe('108.42,30.85,A & B <script>x</script>');
      expect(picture.get('hl')).toBe('test-port');
      // The link preview's picture is the same annotated one.
      expect(/<meta property="og:image" content="([^"]+)"/.exec(html)![1].replace(/&amp;/g, '&')).toBe(src);
    }
  });
});

