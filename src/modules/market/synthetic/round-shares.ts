/**
 * Rounds a non-negative share count to a whole number.
 *
 * Equal to Math.round for x ≥ 0, but V8 compiles Math.round to a slower sequence (it must round
 * −0.5 towards +∞ and keep −0), and this runs for every simulated minute: ~12 million times when
 * seeding 500 stocks, where it was a third of the minute loop's cost.
 */
export function roundShares(shares: number): number {
  return Math.floor(shares + 0.5);
}
