import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KM_PER_DEGREE, kmPerDegreeLon } from '../../geo/geodesy.ts';
import { compassPoint, DIRECTIONS, nearestPlace, type NamedPlace } from '../../geo/nearest-place.ts';

/** The atlas's seats, as the panel names a point by them. */
const seats: NamedPlace[] = (
  JSON.parse(readFileSync(new URL('../../geo/data/places.geojson', import.meta.url), 'utf8')).features as { properties: NamedPlace; geometry: { coordinates: [number, number] } }[]
).map((f) => ({ id: f.properties.id, name_zh: f.properties.name_zh, name_en: f.properties.name_en, lonLat: f.geometry.coordinates }));
const yunyang = seats.find((p) => p.id === 'yunyang')!;

/** A point `km` from a place towards a bearing (degrees clockwise from north). */
const offset = ([lon, lat]: readonly number[] | [number, number], km: number, bearing: number): [number, number] => {
  const r = (bearing * Math.PI) / 180;
  return [lon + (km * Math.sin(r)) / kmPerDegreeLon(lat), lat + (km * Math.cos(r)) / KM_PER_DEGREE];
};

describe('nearestPlace', () => {
  it('names a point 8 km west of 云阳 by 云阳县, 8 km, W', () => {
    expect(nearestPlace(seats, offset(yunyang.lonLat, 8, 270))).toEqual({ id: 'yunyang', name_zh: yunyang.name_zh, name_en: yunyang.name_en, km: 8, direction: 'W' });
  });

  it('says a point within a kilometre is at the place', () => {
    expect(nearestPlace(seats, offset(yunyang.lonLat, 0.6, 33))).toMatchObject({ id: 'yunyang', direction: 'at' });
    expect(nearestPlace(seats, offset(yunyang.lonLat, 0.6, 33), { atKm: 0.5 })?.direction).toBe('NE');
  });

  it('gives each of the eight compass points, the direction from the place to the point', () => {
    DIRECTIONS.forEach((d, i) => {
      expect(compassPoint(yunyang.lonLat, offset(yunyang.lonLat, 5, i * 45))).toBe(d);
      // Up to just under half a sector either side.
      expect(compassPoint(yunyang.lonLat, offset(yunyang.lonLat, 5, i * 45 + 22))).toBe(d);
      expect(compassPoint(yunyang.lonLat, offset(yunyang.lonLat, 5, i * 45 - 22 + 360))).toBe(d);
    });
  });

  it('chooses the nearest of all the seats', () => {
    for (const seat of seats) expect(nearestPlace(seats, offset(seat.lonLat, 0.2, 135))?.id).toBe(seat.id);
    // Halfway between 万州 and 云阳, a little nearer 万州.
    const wanzhou = seats.find((p) => p.id === 'wanzhou')!;
    const between: [number, number] = [wanzhou.lonLat[0] * 0.55 + yunyang.lonLat[0] * 0.45, wanzhou.lonLat[1] * 0.55 + yunyang.lonLat[1] * 0.45];
    expect(nearestPlace(seats, between)?.id).toBe('wanzhou');
  });

  it('has nothing to name a point by without places', () => {
    expect(nearestPlace([], [108, 30])).toBeNull();
  });
});
