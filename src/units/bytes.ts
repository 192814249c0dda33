import { parseQuantity, type QuantityUnits, type UnitTable } from './quantity.js'

/**
 * Binary multiples, as Node and V8 report heap sizes, spelt exactly so: `KB` as `formatBytes`
 * writes it, or `KiB` as IEC does (`'64kb'` is refused, with `'64KB'` suggested).
 */
const BYTE_UNITS: UnitTable = {
  B: 1,
  KB: 1024,
  KiB: 1024,
  MB: 1024 ** 2,
  MiB: 1024 ** 2,
  GB: 1024 ** 3,
  GiB: 1024 ** 3,
}

const BYTES: QuantityUnits = { table: BYTE_UNITS, numberUnit: 'B', example: "a size such as 64 (bytes), '64B', '16KB' or '50MB'" }

/**
 * An amount of memory: a number of bytes, or a string: a plain decimal amount and a unit,
 * without spaces, case-sensitive: `'64B'`, `'16KB'`, `'50MB'`, `'1GB'` (1 KB = 1,024 B; `KiB`,
 * `MiB`, `GiB` too).
 */
export type ByteSize = number | string

/** Parses a {@link ByteSize} into bytes; a `TypeError` naming `argument` otherwise. */
export function parseBytes(value: unknown, argument: string): number {
  return parseQuantity(value, BYTES, argument)
}
