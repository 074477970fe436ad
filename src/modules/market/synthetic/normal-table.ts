/**
 * Standard normal draws from one 32-bit integer, by table lookup.
 *
 * Box–Muller costs a logarithm, a square root and a cosine per draw, and a seeded history needs
 * tens of millions of draws (every minute of three months, for ~500 stocks). Here the top 12 bits
 * pick one of 4096 equal-probability cells of the normal distribution and the remaining 20 bits
 * place the draw linearly inside it: about a pseudo-random integer's cost. The piecewise-linear
 * inverse CDF is exact at the cell edges, symmetric, and rescaled to unit variance; the outermost
 * cells reach ±3.9σ, which is plenty because fat tails are added explicitly where they matter.
 */

const CELL_BITS = 12;
const CELL_COUNT = 1 << CELL_BITS;
const FRACTION_BITS = 32 - CELL_BITS;
const FRACTION_SCALE = 1 / (1 << FRACTION_BITS);

/** Inverse standard normal CDF, Acklam's rational approximation (relative error < 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lowTail = 0.02425;
  if (p < lowTail || p > 1 - lowTail) {
    const q = Math.sqrt(-2 * Math.log(p < lowTail ? p : 1 - p));
    const value = (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
    return p < lowTail ? value : -value;
  }
  const q = p - 0.5;
  const r = q * q;
  const numerator = (((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q;
  return numerator / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

function standardNormalDensity(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Cell edges: EDGES[k] is the k/4096 quantile; the infinite outer edges are replaced by finite ones. */
function buildEdges(): Float64Array {
  const edges = new Float64Array(CELL_COUNT + 1);
  for (let k = 1; k < CELL_COUNT; k++) edges[k] = normalQuantile(k / CELL_COUNT);
  // Choose the outer edge so the outermost cell keeps the true tail's mean, E[Z | Z > q] = φ(q)/P.
  const innerEdge = edges[CELL_COUNT - 1]!;
  const tailMean = standardNormalDensity(innerEdge) * CELL_COUNT;
  edges[CELL_COUNT] = 2 * tailMean - innerEdge;
  edges[0] = -edges[CELL_COUNT]!;
  // A uniform draw within each cell: E[X²] = (a² + ab + b²) / 3 per cell; rescale to variance 1.
  let secondMoment = 0;
  for (let k = 0; k < CELL_COUNT; k++) {
    const a = edges[k]!;
    const b = edges[k + 1]!;
    secondMoment += (a * a + a * b + b * b) / 3;
  }
  const scale = 1 / Math.sqrt(secondMoment / CELL_COUNT);
  for (let k = 0; k <= CELL_COUNT; k++) edges[k] = edges[k]! * scale;
  return edges;
}

const EDGES = buildEdges();

/** Maps 32 uniformly distributed bits (signed or unsigned int32 alike) to a standard normal draw. */
export function normalFromBits(bits: number): number {
  const cell = bits >>> FRACTION_BITS;
  const low = EDGES[cell]!;
  return low + (EDGES[cell + 1]! - low) * ((bits & ((1 << FRACTION_BITS) - 1)) * FRACTION_SCALE);
}
