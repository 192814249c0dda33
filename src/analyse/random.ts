/**
 * Seeded random numbers for the statistics that resample (the bootstrap of
 * {@link compareLatency}): the same data then always gets the same verdict.
 */

/** A seeded uniform generator in [0, 1) (mulberry32: 32-bit state, fast, good enough for resampling). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A standard normal variate (Box–Muller). */
export function normal(random: () => number): number {
  const u = 1 - random() // (0, 1]: log(0) is never taken
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
}

/** A Gamma(shape, 1) variate for shape ≥ 1 (Marsaglia and Tsang, 2000): exact, O(1) at any shape. */
export function gamma(random: () => number, shape: number): number {
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    let x: number
    let v: number
    do {
      x = normal(random)
      v = 1 + c * x
    } while (v <= 0)
    v = v * v * v
    const u = random()
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v
  }
}

/** A Beta(a, b) variate for a, b ≥ 1, as a ratio of gammas. */
export function beta(random: () => number, a: number, b: number): number {
  const x = gamma(random, a)
  return x / (x + gamma(random, b))
}
