/**
 * GCJ-02 ("Mars coordinates", used by AMap, Tencent and echarts' China maps) to WGS84.
 * The forward transform is the published obfuscation; the inverse is solved by
 * fixed-point iteration, which converges to well under a metre inside China.
 */

const A = 6378245.0;
const EE = 0.00669342162296594323;

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLon(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/**
 * Shifts a WGS84 position the way Chinese web maps do.
 *
 * @param lonLat - `[lon, lat]` in WGS84
 * @returns `[lon, lat]` in GCJ-02
 * @example
 * wgs84ToGcj02([108.36219, 30.8655]); // ≈ [108.36675, 30.86324]
 */
export function wgs84ToGcj02([lon, lat]: readonly [number, number]): [number, number] {
  const x = lon - 105.0;
  const y = lat - 35.0;
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (transformLat(x, y) * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLon = (transformLon(x, y) * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}

/**
 * Converts a GCJ-02 position (AMap, Tencent, echarts) back to WGS84.
 *
 * @param lonLat - `[lon, lat]` in GCJ-02
 * @returns `[lon, lat]` in WGS84, within about 1 cm of the true inverse
 * @example
 * gcj02ToWgs84([108.36675, 30.86324]); // ≈ [108.36219, 30.8655]
 */
export function gcj02ToWgs84(lonLat: readonly [number, number]): [number, number] {
  let [lon, lat] = lonLat;
  for (let i = 0; i < 10; i++) {
    const [gLon, gLat] = wgs84ToGcj02([lon, lat]);
    const dLon = gLon - lonLat[0];
    const dLat = gLat - lonLat[1];
    lon -= dLon;
    lat -= dLat;
    if (Math.abs(dLon) < 1e-9 && Math.abs(dLat) < 1e-9) break;
  }
  return [lon, lat];
}
