import { expect, test } from 'vitest'
import { seededRandom } from '../src/analyse/random'
import { roundOrders } from '../src/measure/round-order'

test('each round is a permutation; every other round reverses the one before', () => {
  const next = roundOrders(3, seededRandom(1))
  for (let pair = 0; pair < 50; pair++) {
    const drawn = next()
    expect([...drawn].sort()).toEqual([0, 1, 2])
    expect(next()).toEqual([...drawn].reverse())
  }
})

test('the draws are random: each function runs first about as often as any other', () => {
  const next = roundOrders(2, seededRandom(2))
  let aFirst = 0
  const pairs = 2000
  for (let pair = 0; pair < pairs; pair++) {
    if (next()[0] === 0) aFirst++
    next()
  }
  // Binomial(2000, ½): 1000 ± 3 sd is 933 … 1067.
  expect(aFirst).toBeGreaterThan(933)
  expect(aFirst).toBeLessThan(1067)
})

test('the orders handed out are not changed by later rounds', () => {
  const next = roundOrders(2, seededRandom(3))
  const first = next()
  const copy = [...first]
  next()
  next()
  expect(first).toEqual(copy)
})
