/**
 * The reach bands' palette (geo/look.ts) is legible: each band told from the others and from every
 * layer's colour, in normal vision and with protanopia, deuteranopia and tritanopia simulated
 * (Machado, Oliveira & Fernandes 2009, severity 1.0, applied to linear RGB), in CIELAB by CIEDE2000.
 *
 * Thresholds (ΔE00; about 1 is just noticeable side by side, 2.3 is the usual JND for patches):
 * - between two bands, 10: they are told apart in a small legend swatch and as thin edges, not only
 *   as large patches side by side (small marks need several times the patch JND);
 * - between a band and a layer, 7 (three JNDs): a band edge must not be taken for a river, a road or a
 *   port line; the Okabe–Ito layers leave little room, and the closest pair is the lightest band and
 *   the dark theme's pale grey railway, where the band's edge is thin and the railway is dashed or solid black-on-grey;
 * - between neighbouring rings as drawn (the stacked fills at the region zoom's and the pictures'
 *   opacity, over the land), 3: adjacent large areas with an edge line between them, well above a JND;
 * - between a band's edge and the land, 12: the outermost, lightest edge still reads as a line.
 */
import { describe, expect, it } from 'vitest';
import { BAND_COLOURS, BAND_STYLE, bandSwatch, LAYER_COLOURS, layerColour, THEMES } from '../../geo/look.ts';

type RGB = [number, number, number];
const MIN = { bands: 10, layers: 7, rings: 3, edge: 12 };

const rgb = (hex: string): RGB => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as RGB;
const linear = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
const encode = (v: number) => (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055);

/** Machado et al. (2009) simulation matrices at severity 1.0, for linear RGB. */
const MACHADO: Record<string, number[][]> = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};
const simulate = (m: number[][]) => (c: RGB): RGB => {
  const l = c.map(linear);
  return m.map((row) => encode(Math.min(1, Math.max(0, row[0] * l[0] + row[1] * l[1] + row[2] * l[2])))) as RGB;
};
const VISIONS: [string, (c: RGB) => RGB][] = [['normal vision', (c) => c], ...Object.entries(MACHADO).map(([name, m]): [string, (c: RGB) => RGB] => [name, simulate(m)])];

/** sRGB (D65) to CIELAB. */
function lab(c: RGB): RGB {
  const [r, g, b] = c.map(linear);
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const [x, y, z] = [(0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047, 0.2126729 * r + 0.7151522 * g + 0.072175 * b, (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883];
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIEDE2000 (Sharma, Wu & Dalal 2005). */
function deltaE00([L1, a1, b1]: RGB, [L2, a2, b2]: RGB): number {
  const rad = Math.PI / 180;
  const Cbar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cbar ** 7 / (Cbar ** 7 + 25 ** 7)));
  const [A1, A2] = [(1 + G) * a1, (1 + G) * a2];
  const [C1, C2] = [Math.hypot(A1, b1), Math.hypot(A2, b2)];
  const hue = (b: number, a: number) => (b === 0 && a === 0 ? 0 : (Math.atan2(b, a) / rad + 360) % 360);
  const [h1, h2] = [hue(b1, A1), hue(b2, A2)];
  let dh = C1 * C2 === 0 ? 0 : h2 - h1;
  if (dh > 180) dh -= 360;
  else if (dh < -180) dh += 360;
  const dH = 2 * Math.sqrt(C1 * C2) * Math.sin((dh / 2) * rad);
  const [L, C] = [(L1 + L2) / 2, (C1 + C2) / 2];
  let h = h1 + h2;
  if (C1 * C2 !== 0) h = Math.abs(h1 - h2) <= 180 ? h / 2 : h < 360 ? (h + 360) / 2 : (h - 360) / 2;
  const T = 1 - 0.17 * Math.cos((h - 30) * rad) + 0.24 * Math.cos(2 * h * rad) + 0.32 * Math.cos((3 * h + 6) * rad) - 0.2 * Math.cos((4 * h - 63) * rad);
  const [SL, SC, SH] = [1 + (0.015 * (L - 50) ** 2) / Math.sqrt(20 + (L - 50) ** 2), 1 + 0.045 * C, 1 + 0.015 * C * T];
  const RT = -Math.sin(60 * Math.exp(-(((h - 275) / 25) ** 2)) * rad) * 2 * Math.sqrt(C ** 7 / (C ** 7 + 25 ** 7));
  const [dL, dC, dHs] = [(L2 - L1) / SL, (C2 - C1) / SC, dH / SH];
  return Math.sqrt(dL ** 2 + dC ** 2 + dHs ** 2 + RT * dC * dHs);
}

const delta = (see: (c: RGB) => RGB, a: RGB, b: RGB) => deltaE00(lab(see(a)), lab(see(b)));

/** The rings as drawn: the land under the outermost band's fill, then each band's over those outside it. */
function rings(opacity: number, land: string): RGB[] {
  const out: RGB[] = [rgb(land)];
  for (const c of [...BAND_COLOURS].reverse()) out.unshift(rgb(c).map((v, i) => v * opacity + out[0][i] * (1 - opacity)) as RGB);
  return out; // nearest first, the bare land last
}

describe('the reach bands’ palette (geo/look.ts)', () => {
  const bands = BAND_COLOURS.map(rgb);
  // Every colour a layer is drawn in, on the light and the dark base (the railways and seats follow the theme).
  const layers = [...new Set([...Object.values(LAYER_COLOURS), THEMES.light.rail, THEMES.dark.rail, THEMES.light.seat, THEMES.dark.seat])];
  // The lines drawn above the bands on the light base; the points (ports, parks, hospitals, airports,
  // seats) carry a halo of their own, and the districts and rivers lie under the bands.
  const above = (['rail', 'roads', 'corridors'] as const).map((id) => layerColour(id, 'light'));

  it('has five steps, lighter outwards in L*', () => {
    expect(BAND_COLOURS).toHaveLength(5);
    const L = bands.map((c) => lab(c)[0]);
    for (let i = 1; i < L.length; i++) expect(L[i], `L* of band ${i} after band ${i - 1}`).toBeGreaterThan(L[i - 1] + 8);
  });

  for (const [vision, see] of VISIONS) {
    it(`tells each band from the others in ${vision} (ΔE00 ≥ ${MIN.bands})`, () => {
      for (let i = 0; i < bands.length; i++)
        for (let j = i + 1; j < bands.length; j++) expect(delta(see, bands[i], bands[j]), `${BAND_COLOURS[i]} ~ ${BAND_COLOURS[j]}`).toBeGreaterThanOrEqual(MIN.bands);
    });

    it(`tells each band from every layer’s colour in ${vision} (ΔE00 ≥ ${MIN.layers})`, () => {
      for (const [i, band] of bands.entries()) for (const layer of layers) expect(delta(see, band, rgb(layer)), `${BAND_COLOURS[i]} ~ ${layer}`).toBeGreaterThanOrEqual(MIN.layers);
    });

    it(`draws each band’s edge clear of the light land in ${vision} (ΔE00 ≥ ${MIN.edge})`, () => {
      for (const [i, band] of bands.entries()) expect(delta(see, band, rgb(THEMES.light.land)), BAND_COLOURS[i]).toBeGreaterThanOrEqual(MIN.edge);
    });

    it(`tells each ring as drawn (stacked fills over the light land) from its neighbours, darker inwards, in ${vision}`, () => {
      const drawn = rings(BAND_STYLE.fillOpacity, THEMES.light.land);
      for (let i = 0; i + 1 < drawn.length; i++) {
        expect(delta(see, drawn[i], drawn[i + 1]), `ring ${i} ~ ring ${i + 1}`).toBeGreaterThanOrEqual(MIN.rings);
        expect(lab(see(drawn[i]))[0], `L* of ring ${i}`).toBeLessThan(lab(see(drawn[i + 1]))[0]);
      }
      // The rings drawn are pale: every line drawn above them stands out on them.
      for (const ring of drawn.slice(0, -1)) for (const layer of above) expect(delta(see, ring, rgb(layer)), layer).toBeGreaterThanOrEqual(MIN.layers);
    });
  }

  it('keys the legends with the rings as drawn (bandSwatch)', () => {
    const drawn = rings(BAND_STYLE.fillOpacity, THEMES.light.land);
    BAND_COLOURS.forEach((_, i) => expect(rgb(bandSwatch(i, BAND_COLOURS.length, 'light')).map((v, k) => Math.abs(v - drawn[i][k]) * 255).every((d) => d <= 0.5)).toBe(true));
  });

  it('fades the fill at city zoom and keeps the pictures’ at the region’s', () => {
    expect(BAND_STYLE.cityFillOpacity).toBeLessThan(BAND_STYLE.fillOpacity / 2);
    // At city zoom, even under all five stacked fills the land keeps most of its lightness.
    const city = rings(BAND_STYLE.cityFillOpacity, THEMES.light.land);
    expect(lab(city[0])[0]).toBeGreaterThan(75);
  });
});
