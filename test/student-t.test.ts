import { expect, test } from 'vitest'
import { tCritical95, tQuantile } from '../src/analyse/student-t'

test("tCritical95's cheap form agrees with the quantile it stands for", () => {
  expect(tCritical95(1)).toBeCloseTo(12.706, 3)
  expect(tCritical95(5)).toBeCloseTo(2.571, 3)
  for (const df of [30, 31, 50, 200, 10_000]) expect(Math.abs(tCritical95(df) - tQuantile(0.975, df))).toBeLessThan(1e-3)
  expect(tCritical95(0)).toBe(Number.POSITIVE_INFINITY)
  expect(tQuantile(0.9995, 7)).toBeCloseTo(5.408, 3)
})
