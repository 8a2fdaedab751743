/**
 * Every parameter of the travel-time model, in one place, with why each default
 * is what it is. A request may override any of them (see `NetworkParamsInput`).
 *
 * Speeds are operating averages over a whole trip (stops, curves, slopes and
 * ramps included), not design or posted speeds. The calibration list
 * (`calibration.json`, checked by tests) holds the published journey times
 * they were tuned against.
 */
import { z } from 'zod';

/** The ways of travelling the network knows. */
export const MODES = ['high_speed_rail', 'conventional_rail', 'expressway', 'fast_road', 'trunk_road', 'access', 'transfer'] as const;
export type Mode = (typeof MODES)[number];

/** The model's parameters. */
export interface NetworkParams {
  /**
   * A 300–350 km/h line runs at this share of its design speed on average: the
   * seeds give 50 min for 渝万高铁 (≈252 km, 350 km/h) from 万州 to 重庆主城,
   * 302 km/h or 0.86 of design, for the express trains such lines run.
   */
  hsrExpressShare: number;
  /**
   * A line designed for less than 300 km/h (intercity 城际 lines, 250 km/h) stops
   * at most stations: 渝万城际 (247 km) takes 90–100 min, 0.6–0.66 of 250 km/h.
   */
  hsrStoppingShare: number;
  /** High-speed rail with no published design speed (km/h average): a 250 km/h line at the stopping share. */
  hsrSpeedKmh: number;
  /**
   * Conventional rail average (km/h). 达万 and 宜万 are single-track mountain lines
   * with 120–160 km/h design speeds and long crossing stops; timetables run near 70.
   */
  conventionalRailSpeedKmh: number;
  /** A conventional line with a published design speed averages at most this share of it. */
  conventionalDesignShare: number;
  /**
   * Expressway average for a car (km/h) where the line's design speed is 100 or
   * more or unknown; a road designed for less (80 km/h for 开开, 巫云开, 巴达) is
   * driven at its design speed. 95 keeps the road trips of the calibration list
   * within ±20 % once the access legs at both ends are counted.
   */
  expresswaySpeedKmh: number;
  /** Urban fast roads (快速路), designed for 60 km/h, with junctions. */
  fastRoadSpeedKmh: number;
  /** National and provincial trunk roads through towns. */
  trunkRoadSpeedKmh: number;
  /**
   * Off-network legs (local roads to and from any point): speed … China's mountain
   * 二级/三级 highways and urban arterials are designed for 40–60 km/h; with junctions
   * and towns, 40.
   */
  accessSpeedKmh: number;
  /** … and how much longer than the straight line the road is (mountain roads wind). */
  accessCircuity: number;
  /** A station farther than a junction from every road is joined to the nearest road within this distance (km). */
  accessMaxKm: number;
  /** Getting on a train: to the station early, security check, ticket gates, waiting (min). */
  boardingMinutes: number;
  /** Getting off and out of the station (min). */
  alightingMinutes: number;
  /** Changing trains at one station (min), on top of alighting and boarding not being charged. */
  transferMinutes: number;
  /**
   * A drawn schematic line is shorter than the real one, which winds through
   * mountains: with no usable published length, its drawn length is multiplied by this.
   */
  schematicDetour: number;
  /**
   * A published length is used for a line when it is between 0.95 and this many
   * times the drawn length; beyond, it covers more than is drawn (郑万高铁's 818 km
   * for the stretch to 巫山) and the drawn length is used instead.
   */
  publishedRatioMax: number;
  /** Road ends closer than this (km) are joined: schematic roads meet at shared waypoints. */
  junctionKm: number;
  /** Roads are entered and left at points this far apart along them (km). */
  roadNodeSpacingKm: number;
}

/** The defaults; see each field for its justification. */
export const DEFAULT_PARAMS: Readonly<NetworkParams> = Object.freeze({
  hsrExpressShare: 0.85,
  hsrStoppingShare: 0.65,
  hsrSpeedKmh: 160,
  conventionalRailSpeedKmh: 70,
  conventionalDesignShare: 0.55,
  expresswaySpeedKmh: 95,
  fastRoadSpeedKmh: 50,
  trunkRoadSpeedKmh: 40,
  accessSpeedKmh: 40,
  accessCircuity: 1.4,
  accessMaxKm: 40,
  boardingMinutes: 20,
  alightingMinutes: 5,
  transferMinutes: 15,
  schematicDetour: 1.2,
  publishedRatioMax: 1.8,
  junctionKm: 2,
  roadNodeSpacingKm: 5,
});

/** The bounds a request's override must keep to; outside them the model stops meaning anything. */
export const NetworkParamsInput = z
  .strictObject({
    hsrExpressShare: z.number().min(0.3).max(1),
    hsrStoppingShare: z.number().min(0.3).max(1),
    hsrSpeedKmh: z.number().min(80).max(400),
    conventionalRailSpeedKmh: z.number().min(20).max(200),
    conventionalDesignShare: z.number().min(0.3).max(1),
    expresswaySpeedKmh: z.number().min(30).max(130),
    fastRoadSpeedKmh: z.number().min(20).max(100),
    trunkRoadSpeedKmh: z.number().min(10).max(90),
    accessSpeedKmh: z.number().min(5).max(80),
    accessCircuity: z.number().min(1).max(3),
    accessMaxKm: z.number().min(1).max(80),
    boardingMinutes: z.number().min(0).max(90),
    alightingMinutes: z.number().min(0).max(60),
    transferMinutes: z.number().min(0).max(90),
    schematicDetour: z.number().min(1).max(2),
    publishedRatioMax: z.number().min(1).max(5),
    junctionKm: z.number().min(0).max(10),
    roadNodeSpacingKm: z.number().min(1).max(20),
  })
  .partial();
export type NetworkParamsInput = z.infer<typeof NetworkParamsInput>;

/**
 * The defaults with a request's overrides on top.
 *
 * @param overrides - any subset of the parameters
 * @returns a complete parameter set
 * @example
 * withParams({ boardingMinutes: 10 }).boardingMinutes; // 10
 */
export function withParams(overrides: NetworkParamsInput = {}): NetworkParams {
  const params: NetworkParams = { ...DEFAULT_PARAMS };
  for (const [key, value] of Object.entries(overrides) as [keyof NetworkParams, number | undefined][]) params[key] = value ?? params[key];
  return params;
}
