import { describe, expect, test } from 'vitest'
import { chooseCpuPin, parseCpuList, pinProcess, releaseProcess, type CpuPin, type RunCommand } from '../src/ab/cpu-pin'

describe('parseCpuList', () => {
  test.each([
    ['0,1', [0, 1]],
    ['0-3', [0, 1, 2, 3]],
    [' 0-1,4,6-7\n', [0, 1, 4, 6, 7]],
    ['5', [5]],
  ])('%j', (text, cpus) => {
    expect(parseCpuList(text)).toEqual(cpus)
  })

  test.each(['', 'a', '3-1', '0,,1', '0-'])('not a list: %j', (text) => {
    expect(parseCpuList(text)).toBeUndefined()
  })
})

describe('chooseCpuPin', () => {
  const answering = (status: number | null, stdout: string): RunCommand & { calls: string[][] } => {
    const calls: string[][] = []
    const run = ((command: string, args: string[]) => {
      calls.push([command, ...args])
      return { status, stdout }
    }) as RunCommand & { calls: string[][] }
    run.calls = calls
    return run
  }

  test('Linux with taskset: the last CPU this process may use', () => {
    const run = answering(0, "pid 42's current affinity list: 0-3\n")
    expect(chooseCpuPin('linux', run)).toEqual({ cpu: 3, cpus: [0, 1, 2, 3] })
    expect(run.calls[0]).toEqual(['taskset', '-cp', String(process.pid)])
  })

  test('not Linux, no taskset, or a list it cannot read: not pinned, saying why', () => {
    const why = (pin: CpuPin) => ('why' in pin ? pin.why : undefined)
    expect(why(chooseCpuPin('darwin', answering(0, '')))).toMatch(/needs Linux \(this is darwin\)/)
    expect(why(chooseCpuPin('linux', answering(null, '')))).toMatch(/taskset \(util-linux\) is not installed/)
    expect(why(chooseCpuPin('linux', answering(0, 'pid 1: what')))).toMatch(/cannot read: pid 1: what/)
  })

  test('pinProcess moves every thread of the process, and says when it could not', () => {
    const ok = answering(0, '')
    expect(pinProcess(123, 1, ok)).toBeUndefined()
    expect(ok.calls[0]).toEqual(['taskset', '-a', '-cp', '1', '123'])
    expect(pinProcess(123, 1, answering(1, ''))).toBe('taskset could not move process 123 to CPU 1 (exit code 1)')
  })

  test('releaseProcess lets every thread of the process run on all the CPUs again', () => {
    const ok = answering(0, '')
    expect(releaseProcess(123, [0, 1, 2, 3], ok)).toBeUndefined()
    expect(ok.calls[0]).toEqual(['taskset', '-a', '-cp', '0,1,2,3', '123'])
  })
})
