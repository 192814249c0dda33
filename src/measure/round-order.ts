/**
 * The order in which alternating measurements run their functions, round after round: drawn at
 * random (Fisher–Yates), then the reverse of that order, then a new draw, and so on. Random, so
 * that no function always runs right after another one (whose garbage or caches it would
 * inherit) or at a fixed phase of some periodic work on the machine; each draw followed by its
 * reverse, so that over every two rounds each function runs first as often as last.
 *
 * @param count - functions to order
 * @param random - uniform numbers in [0, 1)
 * @returns a function giving the order of the next round (indices 0 … count − 1), a fresh array each time
 */
export function roundOrders(count: number, random: () => number): () => number[] {
  const order = Array.from({ length: count }, (_, i) => i)
  let round = 0
  return () => {
    if (round++ % 2 === 0) shuffle(order, random)
    else order.reverse()
    return [...order]
  }
}

/** Puts `order` in a uniformly random order, in place (Fisher–Yates), and returns it. */
export function shuffle<T>(order: T[], random: () => number): T[] {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  return order
}
