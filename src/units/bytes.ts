import { parseQuantity, type UnitTable } from './quantity.js'

/** Decimal-free binary multiples, as Node and V8 report heap sizes. */
const BYTE_UNITS: UnitTable = {
  b: 1,
  kb: 1024,
  kib: 1024,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
}

/** An amount of memory: a number of bytes, or a string: `'64B'`, `'16KB'`, `'50MB'`, `'1GB'`. */
export type ByteSize = number | string

/** Parses a {@link ByteSize} into bytes; a `TypeError` naming `argument` otherwise. */
export function parseBytes(value: unknown, argument: string): number {
  return parseQuantity(value, BYTE_UNITS, 'b', argument, "a size such as 64 (bytes), '64B', '16KB' or '50MB'")
}

/** Formats bytes with a binary unit: `812 B`, `12.4 KB`, `3.10 MB`. Negative values keep their sign. */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes)
  if (abs < 1024) return `${bytes.toFixed(abs < 10 ? 1 : 0)} B`
  if (abs < 1024 ** 2) return `${(bytes / 1024).toPrecision(3)} KB`
  if (abs < 1024 ** 3) return `${(bytes / 1024 ** 2).toPrecision(3)} MB`
  return `${(bytes / 1024 ** 3).toPrecision(3)} GB`
}
