/**
 * The percentile the benchmarks report (median = 0.5, p95 = 0.95): the nearest rank, no interpolation.
 *
 * @param xs - the measurements, in any order
 * @param p - the fraction, 0 to 1
 * @returns the value at that rank
 * @example
 * percentile([3, 1, 2], 0.5); // 2
 */
export const percentile = (xs: readonly number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
