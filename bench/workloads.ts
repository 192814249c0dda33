/**
 * The workloads of perfspec's accuracy benchmark, shared by the ground-truth loop and by every
 * tool's runner (bench/accuracy-runner.ts), so each measures exactly the same function.
 *
 * A workload is a factory: `make()` builds its fixed input data (deterministic: seeded PRNG)
 * and returns the function under measurement. Each child process calls `make()` once.
 */
import { seededRandom } from '../src/analyse/random.js'

export interface Workload {
  /** Short id used on the command line (`--workloads empty,parse`). */
  readonly id: string
  /** What the function does, for the printed table. */
  readonly label: string
  /** True when `fn` returns a promise that must be awaited. */
  readonly async: boolean
  /** Builds the input data and returns the function under measurement. */
  make(): () => unknown
}

/** A tiny seeded PRNG, so the array to sort is the same in every process. */
export const mulberry32 = seededRandom

/** A ~200-byte JSON document: an object with nested array and object. */
export const JSON_DOC = JSON.stringify({
  id: 48213,
  name: 'perfspec accuracy document',
  active: true,
  score: 98.625,
  tags: ['alpha', 'beta', 'gamma', 'delta'],
  owner: { login: 'octocat', id: 583231, site_admin: false },
  created_at: '2024-11-24T11:15:00Z',
  ratio: 0.3125,
})

/** A small object with five fields, for JSON.stringify. */
export const SMALL_OBJECT = { id: 7, name: 'widget', price: 19.99, inStock: true, tags: ['a', 'b'] }

export const WORKLOADS: readonly Workload[] = [
  {
    id: 'empty',
    label: '() => {}',
    async: false,
    make: () => () => {},
  },
  {
    id: 'parse',
    label: `JSON.parse (${JSON_DOC.length} B)`,
    async: false,
    make: () => {
      const doc = JSON_DOC
      return () => JSON.parse(doc)
    },
  },
  {
    id: 'sort',
    label: 'sort copy of 1,000 numbers',
    async: false,
    make: () => {
      const random = mulberry32(0x5eed)
      const arr = Array.from({ length: 1000 }, () => random() * 1e6)
      return () => arr.slice().sort((a, b) => a - b)
    },
  },
  {
    id: 'await',
    label: 'await Promise.resolve()',
    async: true,
    make: () => async () => {
      await Promise.resolve()
    },
  },
  {
    id: 'stringify',
    label: 'JSON.stringify (5 fields)',
    async: false,
    make: () => {
      const obj = SMALL_OBJECT
      return () => JSON.stringify(obj)
    },
  },
]

export function getWorkload(id: string): Workload {
  const w = WORKLOADS.find((x) => x.id === id)
  if (!w) {
    throw new Error(`unknown workload "${id}"; known: ${WORKLOADS.map((x) => x.id).join(', ')}`)
  }
  return w
}
