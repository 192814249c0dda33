import { describe, test } from 'vitest'
import { benchScaling, expectScaling } from 'perfspec'

// How the time of a call grows with the size of its input holds on any machine, where
// "p95 < 5 ms" depends on the machine.

interface Line {
  price: number
  quantity: number
}

function orderTotal(lines: readonly Line[]): number {
  let total = 0
  for (const line of lines) total += line.price * line.quantity
  return total
}

/** An order of n lines: built once per size, outside the timed calls. */
function orderOf(n: number): Line[] {
  return Array.from({ length: n }, (_, i) => ({ price: 1 + (i % 97) / 4, quantity: 1 + (i % 5) }))
}

describe('orderTotal()', () => {
  test('grows no faster than n log n with the number of lines', async () => {
    // The factory gets each size and returns the function to time at that size.
    const r = await benchScaling('orderTotal', (n) => {
      const order = orderOf(n)
      return () => orderTotal(order)
    }, { sizes: [100, 1_000, 10_000] })
    // It is linear; a class of headroom keeps the check true on any machine, where caches and
    // other work on the machine bend the curve a little.
    expectScaling(r).toBeAtMost('n log n')
  })
})
