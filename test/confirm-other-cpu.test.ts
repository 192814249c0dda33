import { describe, expect, test } from 'vitest'
import { attemptCpu } from '../src/compare/attempt-plan.js'
import { baselineVerdict } from '../src/compare/baseline-verdict.js'
import type { RunCommand } from '../src/measure/cpu-affinity.js'
import { threadCpus, type ThreadCpusSystem } from '../src/measure/thread-cpu.js'
import type { BenchResult } from '../src/model/bench-result.js'
import { DEFAULT_GATE } from '../src/model/gate.js'
import { checkText } from '../src/report/verdict-text.js'
import { settleAgainstBaseline, type SettleInput } from '../src/run/worker-gate.js'
import { at, config, env, fingerprint, id, previous } from './support/gate-fixture.js'

// Measurements after the first run on another CPU than the one before: a fake thread whose
// CPU is what it was last moved to, fake measurements that read slow on a "slow CPU", a fake
// pause. Deterministic.

/** A thread on CPU `start` of `allowed`; `slow`: CPUs that run 1.6 times slower; `factor`: the code's own slowdown. */
function thread(allowed: number[], start: number, slow: number[], factor = 1, refuse = false) {
  let cpu = start
  const moves: number[] = []
  let restored = 0
  let seed = 10
  const cpus = {
    allowed,
    last: () => cpu,
    moveTo: (c: number) => {
      if (refuse) return 'taskset could not move thread 1 to CPU 1 (exit code 1)'
      moves.push(c)
      cpu = c
      return undefined
    },
    restore: () => {
      restored += 1
    },
  }
  const measure = async () => at(factor * (slow.includes(cpu) ? 1.6 : 1), seed++)
  return { cpus, measure, moves, restored: () => restored, first: at(factor * (slow.includes(start) ? 1.6 : 1), 2) }
}

function settle(t: ReturnType<typeof thread>, over: Partial<SettleInput> = {}) {
  let asked = 0
  const input: SettleInput = {
    first: t.first,
    config,
    fileState: 'ok',
    previous,
    environment: fingerprint,
    measure: t.measure,
    pause: async () => {},
    cpus: () => {
      asked += 1
      return t.cpus
    },
    ...over,
  }
  return { run: () => settleAgainstBaseline(input), asked: () => asked }
}

const verdictOf = (r: BenchResult) =>
  baselineVerdict({ bench: { kind: 'bench', id, name: 'b', result: r }, test: { file: 'a.test.ts' }, gate: DEFAULT_GATE, update: 'none', environment: env, baselineFile: 'baselines/a.test.ts.json', fileState: 'ok', previous }).check

describe('attemptCpu: each measurement after the first on another CPU than the one before', () => {
  test.each([
    [[0, 1], 0, [1, 0, 1]],
    [[0, 1], 1, [0, 1, 0]],
    [[0, 1, 2, 3], 2, [3, 0, 1]],
    [[4, 6], undefined, [4, 6, 4]],
    [[3, 5], 4, [3, 5, 3]], // the first ran outside the list: the turn starts at the lowest
  ] as const)('allowed %j, first on %s', (allowed, first, expected) => {
    expect([1, 2, 3].map((i) => attemptCpu(allowed, first, i))).toEqual(expected)
  })
  test('one CPU, or none known: the thread stays', () => {
    expect(attemptCpu([2], 2, 1)).toBeUndefined()
    expect(attemptCpu([], undefined, 1)).toBeUndefined()
  })
})

describe('confirmation on another CPU', () => {
  test('unchanged code on a CPU running slow: the next measurement, on the other CPU, ends it — not confirmed, and the CPUs are said', async () => {
    const t = thread([0, 1], 0, [0])
    const r = await settle(t).run()
    expect(t.moves).toEqual([1])
    expect(t.restored()).toBe(1)
    expect(r.attempts).toMatchObject({ purpose: 'confirm', regressed: 1, cpus: [0, 1] })
    const check = verdictOf(r)
    expect(check).toMatchObject({ status: 'warn', reason: 'not-confirmed', confirmation: { regressed: 1, cpus: [0, 1] } })
    expect(checkText(check)).toMatch(/not confirmed \(1 of 2 measurements beyond the threshold: \+\d+% on CPU 0, [+−][\d.]+% on CPU 1\)/)
  })

  test('slower code is slower on every CPU: confirmed by 3 of 3, on CPUs 1, 0, 1', async () => {
    const t = thread([0, 1], 1, [], 1.5)
    const r = await settle(t).run()
    expect(t.moves).toEqual([0, 1])
    expect(t.restored()).toBe(1)
    const check = verdictOf(r)
    expect(check).toMatchObject({ status: 'regressed', confirmation: { regressed: 3, cpus: [1, 0, 1] } })
    expect(checkText(check)).toMatch(/confirmed by 3 of 3 measurements: \+\d+% on CPU 1, \+\d+% on CPU 0, \+\d+% on CPU 1$/)
  })

  test('a baseline about to be written is measured on each CPU in turn, the fastest kept', async () => {
    const t = thread([0, 1], 0, [0])
    const r = await settle(t, { config: { ...config, update: 'new' }, fileState: 'missing', previous: undefined }).run()
    expect(t.moves).toEqual([1, 0])
    expect(r.attempts).toMatchObject({ purpose: 'baseline', kept: 1, cpus: [0, 1, 0] })
    expect(r.latency.p50).toBeLessThan(t.first.latency.p50 / 1.4)
  })

  test('a clean benchmark never asks for the CPUs, nor moves', async () => {
    const t = thread([0, 1], 0, [])
    const s = settle(t)
    const r = await s.run()
    expect(s.asked()).toBe(0)
    expect(t.moves).toEqual([])
    expect(r.attempts).toBeUndefined()
  })

  test('a thread that cannot be moved is measured where it is: no CPUs recorded, nothing restored', async () => {
    const t = thread([0, 1], 0, [0], 1, true)
    const r = await settle(t).run()
    expect(t.restored()).toBe(0)
    expect(r.attempts?.cpus).toBeUndefined()
    expect(verdictOf(r)).toMatchObject({ status: 'regressed', confirmation: { regressed: 3 } })
  })

  test('the thread may run anywhere again when a measurement throws', async () => {
    const t = thread([0, 1], 0, [0])
    await expect(settle(t, { measure: async () => { throw new Error('boom') } }).run()).rejects.toThrow('boom')
    expect(t.moves).toEqual([1])
    expect(t.restored()).toBe(1)
  })
})

describe('threadCpus: the measuring thread, through taskset', () => {
  const system = (answers: Record<string, { status: number | null; stdout: string }>, over: Partial<ThreadCpusSystem> = {}) => {
    const calls: string[][] = []
    const run: RunCommand = (command, args) => {
      calls.push([command, ...args])
      return answers[args.join(' ')] ?? { status: 0, stdout: '' }
    }
    return { calls, system: { platform: 'linux' as const, threadId: () => 4242, lastCpu: () => 1, run, ...over } }
  }

  test('moves the thread alone (no -a), and restores the CPUs it had', () => {
    const s = system({ '-cp 4242': { status: 0, stdout: "pid 4242's current affinity list: 0,1\n" } })
    const cpus = threadCpus(s.system)
    if (typeof cpus === 'string') throw new Error(cpus)
    expect(cpus.allowed).toEqual([0, 1])
    expect(cpus.last()).toBe(1)
    expect(cpus.moveTo(0)).toBeUndefined()
    cpus.restore()
    cpus.restore()
    expect(s.calls).toEqual([
      ['taskset', '-cp', '4242'],
      ['taskset', '-cp', '0', '4242'],
      ['taskset', '-cp', '0,1', '4242'],
    ])
  })

  test('says why not: another system, no thread id, no taskset, one CPU, an unreadable list', () => {
    expect(threadCpus(system({}, { platform: 'darwin' }).system)).toMatch(/needs Linux \(this is darwin\)/)
    expect(threadCpus(system({}, { threadId: () => undefined }).system)).toMatch(/does not say which thread/)
    expect(threadCpus(system({ '-cp 4242': { status: null, stdout: '' } }).system)).toMatch(/taskset \(util-linux\) is not installed/)
    expect(threadCpus(system({ '-cp 4242': { status: 0, stdout: "pid 4242's current affinity list: 1\n" } }).system)).toMatch(/one CPU only \(1\)/)
    expect(threadCpus(system({ '-cp 4242': { status: 0, stdout: 'what?' } }).system)).toMatch(/cannot read: what\?/)
  })

  test('a failed move says so and leaves nothing to restore', () => {
    const s = system({ '-cp 4242': { status: 0, stdout: "pid 4242's current affinity list: 0-1\n" }, '-cp 1 4242': { status: 1, stdout: '' } })
    const cpus = threadCpus(s.system)
    if (typeof cpus === 'string') throw new Error(cpus)
    expect(cpus.moveTo(1)).toBe('taskset could not move thread 4242 to CPU 1 (exit code 1)')
    cpus.restore()
    expect(s.calls).toHaveLength(2)
  })

  // The real thing, where the system allows it (Linux with taskset and two CPUs or more).
  const real = threadCpus()
  test.runIf(typeof real !== 'string')('on this machine: moved to a CPU, the thread runs there; restored, it may run anywhere again', () => {
    const cpus = real as Exclude<typeof real, string>
    const target = cpus.allowed[0]!
    expect(cpus.moveTo(target)).toBeUndefined()
    const end = performance.now() + 20
    while (performance.now() < end) {}
    expect(cpus.last()).toBe(target)
    cpus.restore()
    const again = threadCpus()
    expect(typeof again === 'string' ? again : again.allowed).toEqual(cpus.allowed)
  })
})
