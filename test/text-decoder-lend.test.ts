import { expect, test, vi } from 'vitest'

test("probe 32 #1: perfspec loads in a realm without TextDecoder (Jest's jsdom environment), and leaves it without one", async () => {
  const realm = globalThis as { TextDecoder?: unknown }
  const saved = realm.TextDecoder
  delete realm.TextDecoder
  vi.resetModules()
  try {
    const { LatencyHistogram } = await import('../src/analyse/histogram')
    expect(typeof LatencyHistogram).toBe('function')
    expect(realm.TextDecoder).toBeUndefined()
  } finally {
    realm.TextDecoder = saved
  }
})
