import { lent } from './text-decoder-lend.js'

// Takes back what `text-decoder-lend.ts` lent, once hdr-histogram-js has loaded.
if (lent) delete (globalThis as { TextDecoder?: unknown }).TextDecoder
