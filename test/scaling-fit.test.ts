import { describe, expect, test } from 'vitest'
import { chooseClass, fitClasses, fittedTimes } from '../src/analyse/growth-classes.js'
import { median, medianInPlace } from '../src/analyse/median.js'
import { seededRandom } from '../src/analyse/random.js'
import { medianPolish } from '../src/analyse/median-polish.js'
import { fitScaling, MIN_TOLERANCE } from '../src/analyse/scaling-fit.js'
import { COMPLEXITY_CLASSES, type ComplexityClass } from '../src/model/scaling.js'
import { syntheticRounds } from './support/synthetic-scaling.js'

const WIDE = [100, 1_000, 10_000, 100_000]

/** Time per call of each class, with a fixed cost of about a tenth of the smallest size's work. */
const COST: Record<ComplexityClass, (n: number) => number> = {
  '1': () => 2e-6,
  'log n': (n) => 1e-6 + 1e-6 * Math.log2(n),
  n: (n) => 5e-6 + 1e-6 * n,
  'n log n': (n) => 5e-5 + 1e-6 * n * Math.log2(n),
  'n^2': (n) => 1e-4 + 1e-6 * n * n,
  'n^3': (n) => 1e-3 + 1e-6 * n ** 3,
}

const SIZES_OF: Record<ComplexityClass, number[]> = { '1': WIDE, 'log n': WIDE, n: WIDE, 'n log n': WIDE, 'n^2': [100, 200, 400, 800, 1_600, 3_200], 'n^3': [10, 20, 40, 80, 160, 320] }

describe('median polish', () => {
  test('splits an additive table into its row and column effects', () => {
    const rows = [0, 0.4, -0.2, 1.5]
    const columns = [1, 2, 3.5]
    const p = medianPolish(rows.map((r) => columns.map((c) => 10 + r + c)))
    const centres = p.columns.map((c) => p.overall + c)
    // Up to the shared level: each column keeps its distance to the others.
    expect(centres[1]! - centres[0]!).toBeCloseTo(1, 9)
    expect(centres[2]! - centres[0]!).toBeCloseTo(2.5, 9)
    expect(p.rows[3]! - p.rows[0]!).toBeCloseTo(1.5, 9)
  })

  test('a far-off cell moves neither its row nor its column', () => {
    const table = Array.from({ length: 9 }, (_, r) => [r * 0.1, 1 + r * 0.1, 2 + r * 0.1])
    const clean = medianPolish(table)
    table[4]![1] = 50
    const hit = medianPolish(table)
    expect(hit.columns.map((c) => c + hit.overall)).toEqual(clean.columns.map((c) => c + clean.overall).map((v) => expect.closeTo(v, 9)))
  })

  test('an empty table has no level', () => {
    expect(medianPolish([]).overall).toBeNaN()
  })
})

test('medianInPlace agrees with median on short and long, sorted, reversed and repeating values', () => {
  const random = seededRandom(17)
  for (const count of [1, 2, 3, 31, 32, 33, 34, 100, 101, 200]) {
    const shapes = [
      Array.from({ length: count }, () => random()),
      Array.from({ length: count }, (_, i) => i),
      Array.from({ length: count }, (_, i) => count - i),
      Array.from({ length: count }, () => Math.floor(random() * 4)),
    ]
    for (const values of shapes) expect(medianInPlace(Float64Array.from(values), count), `${count}: ${values.slice(0, 5).join(',')}`).toBe(median(values))
  }
})

test('medianInPlace: odd, even, long and empty', () => {
  expect(medianInPlace(Float64Array.of(3, 1, 2), 3)).toBe(2)
  expect(medianInPlace(Float64Array.of(4, 1, 3, 2, 99), 4)).toBe(2.5)
  const long = Float64Array.from({ length: 101 }, (_, i) => (i * 37) % 101)
  expect(medianInPlace(long, 101)).toBe(50)
  expect(medianInPlace(new Float64Array(3), 0)).toBeNaN()
})

describe('the fit of one class', () => {
  test('recovers the fixed and the growing part of exact data', () => {
    const times = WIDE.map((n) => 0.002 + 3e-6 * n)
    const f = fitClasses(WIDE, times).find((c) => c.class === 'n')!
    expect(f.a).toBeCloseTo(0.002, 9)
    expect(f.b).toBeCloseTo(0.3, 9) // the growing part at the largest size
    expect(f.rms).toBeLessThan(1e-9)
    expect(f.r2).toBeCloseTo(1, 9)
    expect(fittedTimes(f, WIDE)).toEqual(times.map((t) => expect.closeTo(t, 12)))
  })

  test('keeps both parts at 0 or more: a time that falls with n gets no growth', () => {
    const falling = [4, 3, 2, 1]
    for (const f of fitClasses(WIDE, falling)) {
      expect(f.a).toBeGreaterThanOrEqual(0)
      expect(f.b).toBeGreaterThanOrEqual(0)
    }
    expect(COMPLEXITY_CLASSES[chooseClass(fitClasses(WIDE, falling), MIN_TOLERANCE)]).toBe('1')
  })

  test('without a fixed cost the growing part carries it all', () => {
    const f = fitClasses(WIDE, WIDE.map((n) => 1e-9 * n * n)).find((c) => c.class === 'n^2')!
    expect(f.a).toBe(0)
    expect(f.rms).toBeLessThan(1e-9)
  })

  test('times of 0 (under the clock) stay finite', () => {
    const fits = fitClasses(WIDE, [0, 0, 0, 0])
    for (const f of fits) expect(Number.isFinite(f.rms)).toBe(true)
  })
})

describe('fitScaling on synthetic rounds', () => {
  for (const cls of COMPLEXITY_CLASSES) {
    test(`exact ${cls}: named, and every resample agrees`, () => {
      const sizes = SIZES_OF[cls]
      const { fit, times } = fitScaling(sizes, syntheticRounds({ sizes, cost: COST[cls], noise: 0 }))
      expect(fit.best).toBe(cls)
      const at = COMPLEXITY_CLASSES.indexOf(cls)
      expect(fit.atMost).toEqual(COMPLEXITY_CLASSES.map((_, i) => (i >= at ? 1 : 0)))
      expect(times).toEqual(sizes.map((n) => expect.closeTo(COST[cls](n), 12)))
      expect(fit.interval[0]).toBeCloseTo(fit.exponent, 9)
      expect(fit.interval[1]).toBeCloseTo(fit.exponent, 9)
      expect(fit.tolerance).toBe(MIN_TOLERANCE)
    })

    test(`${cls} with 10 % noise per round: still named, over 20 seeds`, () => {
      const sizes = SIZES_OF[cls]
      for (let seed = 1; seed <= 20; seed++) {
        const { fit } = fitScaling(sizes, syntheticRounds({ sizes, cost: COST[cls], noise: 0.1, seed }))
        expect(fit.best, `seed ${seed}`).toBe(cls)
        expect(fit.atMost[COMPLEXITY_CLASSES.indexOf(cls)], `seed ${seed}`).toBeGreaterThanOrEqual(0.95)
      }
    })
  }

  test('the exponent is the log-log slope: 1 for n, 2 for n², near 0 for a constant', () => {
    expect(fitScaling(WIDE, syntheticRounds({ sizes: WIDE, cost: (n) => 1e-6 * n, noise: 0 })).fit.exponent).toBeCloseTo(1, 9)
    expect(fitScaling(WIDE, syntheticRounds({ sizes: WIDE, cost: (n) => 1e-9 * n * n, noise: 0 })).fit.exponent).toBeCloseTo(2, 9)
    expect(fitScaling(WIDE, syntheticRounds({ sizes: WIDE, cost: () => 1e-6, noise: 0 })).fit.exponent).toBeCloseTo(0, 9)
  })

  test('the interval widens with the noise between rounds and holds the exponent', () => {
    const quiet = fitScaling(WIDE, syntheticRounds({ sizes: WIDE, cost: COST.n, noise: 0.02, seed: 3 })).fit
    const noisy = fitScaling(WIDE, syntheticRounds({ sizes: WIDE, cost: COST.n, noise: 0.3, seed: 3 })).fit
    for (const f of [quiet, noisy]) {
      expect(f.interval[0]).toBeLessThanOrEqual(f.exponent)
      expect(f.interval[1]).toBeGreaterThanOrEqual(f.exponent)
    }
    expect(noisy.interval[1] - noisy.interval[0]).toBeGreaterThan(3 * (quiet.interval[1] - quiet.interval[0]))
    expect(noisy.tolerance).toBeGreaterThan(quiet.tolerance)
  })

  test('drift: rounds slowed by up to 2x at every size move neither the exponent nor the class', () => {
    const slow = new Set([1, 2, 3, 7, 8])
    const drift = (r: number) => (slow.has(r) ? 1.6 + 0.1 * r : 1)
    const clean = fitScaling(WIDE, syntheticRounds({ sizes: WIDE, cost: COST['n log n'], noise: 0.02, seed: 5 })).fit
    const drifted = fitScaling(WIDE, syntheticRounds({ sizes: WIDE, cost: COST['n log n'], noise: 0.02, seed: 5, drift })).fit
    expect(drifted.best).toBe('n log n')
    expect(drifted.exponent).toBeCloseTo(clean.exponent, 9)
    expect(drifted.interval[1] - drifted.interval[0]).toBeCloseTo(clean.interval[1] - clean.interval[0], 9)
  })

  test('a slow stretch that hits one size in a few rounds does not bend the curve', () => {
    const rounds = syntheticRounds({ sizes: WIDE, cost: COST.n, noise: 0.02, seed: 9 })
    // Three of twelve rounds caught the largest size alone, 3x slower: an O(n²)-looking bend if trusted.
    for (const r of [2, 6, 10]) rounds[r]![3]! *= 3
    const { fit } = fitScaling(WIDE, rounds)
    expect(fit.best).toBe('n')
    expect(fit.exponent).toBeGreaterThan(0.95)
    expect(fit.exponent).toBeLessThan(1.05)
  })

  test('over one decade O(n log n) fits O(n) data within the tolerance, and the slower-growing class is named', () => {
    const narrow = [1_000, 2_000, 4_000, 8_000]
    const linear = fitScaling(narrow, syntheticRounds({ sizes: narrow, cost: (n) => 1e-6 * n, noise: 0.005 })).fit
    expect(linear.best).toBe('n')
    const rms = (cls: ComplexityClass) => linear.classes.find((c) => c.class === cls)!.rms
    expect(rms('n log n') - rms('n')).toBeLessThan(MIN_TOLERANCE)
    // The other way round O(n) cannot follow: it would need a negative fixed cost.
    expect(fitScaling(narrow, syntheticRounds({ sizes: narrow, cost: (n) => 1e-6 * n * Math.log2(n), noise: 0.005 })).fit.best).toBe('n log n')
  })

  test('a call cost that dwarfs an O(log n) growth still reads O(log n) over three decades', () => {
    const { fit } = fitScaling(WIDE, syntheticRounds({ sizes: WIDE, cost: (n) => 10e-6 + 1e-6 * Math.log2(n), noise: 0.02, seed: 2 }))
    expect(fit.best).toBe('log n')
  })

  test('the same rounds always give the same verdict (seeded resampling)', () => {
    const rounds = syntheticRounds({ sizes: WIDE, cost: COST.n, noise: 0.2, seed: 11 })
    expect(fitScaling(WIDE, rounds)).toEqual(fitScaling(WIDE, rounds))
  })
})
