import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { distanceKm } from '../../geo/geodesy.ts';
import type { ThematicProps } from '../../geo/schema.ts';
import { osmStationsFile } from '../support/sources.ts';

type Station = { properties: ThematicProps; geometry: { coordinates: [number, number] } };
const stations = (JSON.parse(readFileSync(new URL('../../geo/data/rail.geojson', import.meta.url), 'utf8')).features as Station[]).filter(
  (f) => f.properties.kind === 'station',
);
// A station drawn at an OpenStreetMap node says so in its refs.
const atOsm = stations.filter((s) => s.properties.refs?.some((r) => /OpenStreetMap contributors.*railway=station node/.test(r.title)));

describe('stations at their OpenStreetMap points', () => {
  it('has the stations of the four places and their lines at OpenStreetMap nodes, each credited', () => {
    expect(atOsm.length).toBeGreaterThanOrEqual(19);
    for (const id of ['station-wanzhou', 'station-wanzhou-north', 'station-dazhou', 'station-dazhou-south', 'station-yunyang', 'station-kaizhou'])
      expect(atOsm.map((s) => s.properties.id)).toContain(id);
    // A credited position is not marked as a guess of several kilometres.
    for (const s of atOsm) expect(s.properties.uncertainty_km, s.properties.id).toBeLessThanOrEqual(1);
  });

  const file = osmStationsFile();
  if (file) {
    it(`puts each within 0.3 km of its node, and a named node's name is the station's (${file})`, () => {
      const osm = (JSON.parse(readFileSync(file, 'utf8')).features as { properties: { name_osm?: string | null; name_matched?: string }; geometry: { coordinates: [number, number] } }[]).map((f) => ({
        at: f.geometry.coordinates,
        name: f.properties.name_osm ?? f.properties.name_matched ?? null,
      }));
      for (const s of atOsm) {
        const nearest = osm.reduce((a, b) => (distanceKm(a.at, s.geometry.coordinates) <= distanceKm(b.at, s.geometry.coordinates) ? a : b));
        expect(distanceKm(nearest.at, s.geometry.coordinates), s.properties.id).toBeLessThanOrEqual(0.3);
        if (nearest.name) expect(s.properties.name_zh.replace(/站.*$/, ''), s.properties.id).toBe(nearest.name);
      }
    });
  } else {
    console.warn(
      'stations: the positions were NOT compared with OpenStreetMap: its station points were not found. Put them in ../shared/data beside the clone, or set ATLAS_OSM_STATIONS to the file.',
    );
  }
});
