import { TextDecoder } from 'node:util'

/**
 * Lends the global `TextDecoder` that hdr-histogram-js's WebAssembly loader makes one of as it
 * loads, where the realm has none (Jest's `testEnvironment: 'jsdom'`), until it has loaded
 * (`text-decoder-return.ts` takes it back): without it perfspec could not be loaded in such test
 * files, and the test's own global stays as its environment made it.
 */
const realm = globalThis as { TextDecoder?: unknown }

/** Whether {@link lent} put a `TextDecoder` on the global (and so must take it back). */
export const lent = realm.TextDecoder === undefined
if (lent) realm.TextDecoder = TextDecoder
