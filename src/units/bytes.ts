import { parseQuantity, type QuantityUnits, type UnitTable } from './quantity.js'

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

const BYTES: QuantityUnits = { table: BYTE_UNITS, numberUnit: 'b', example: "a size such as 64 (bytes), '64B', '16KB' or '50MB'" }

/** An amount of memory: a number of bytes, or a string: `'64B'`, `'16KB'`, `'50MB'`, `'1GB'`. */
export type ByteSize = number | string

/** Parses a {@link ByteSize} into bytes; a `TypeError` naming `argument` otherwise. */
export function parseBytes(value: unknown, argument: string): number {
  return parseQuantity(value, BYTES, argument)
}
