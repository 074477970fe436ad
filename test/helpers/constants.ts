/** The test market: the embedded listings with seed 42 through a fixed session, so tests are repeatable. */
export const TEST_SEED = 42;
/** Friday after Thanksgiving 2026: an early close (13:00 New York), which the chart tests rely on. */
export const TEST_AS_OF = '2026-11-27';
