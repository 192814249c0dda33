import { describe, expect, test } from 'vitest'
import { bench, expectCpu, expectHeap } from '../src/index'

describe('bench() heap and CPU options (real code, wide margins)', () => {
  test('heap: an allocation-free function reads under 16 B per call, a 100-element array in the hundreds', async () => {
    let x = 0
    const none = await bench('no allocation', () => { x = (x + 1) | 0; return x }, { heap: true, time: '50ms', warmup: '20ms' })
    expect(none.heap!.bytesPerOp).toBeLessThan(16)
    const array = await bench('array of 100', () => new Array(100).fill(x), { heap: true, time: '50ms', warmup: '20ms' })
    expect(array.heap!.bytesPerOp).toBeGreaterThan(100)
    expect(array.heap!.bytesPerOp).toBeLessThan(5_000)
    expect(array.heap!.readings).toBeGreaterThanOrEqual(1)
    expectHeap(none).bytesPerOp.toBeLessThan('16B')
    expectHeap(array).bytesPerOp.toBeLessThan('5KB')
    expect(() => expectHeap(array).bytesPerOp.toBeLessThan('100B')).toThrow(/heap allocated per call of "array of 100" was .* \(median of \d+ readings\), expected < 100 B/)
  })

  test('cpu: a CPU-bound function spends about its latency in CPU; a timer wait uses little', async () => {
    const busy = await bench('busy', () => {
      let s = 0
      for (let i = 0; i < 20_000; i++) s += Math.sqrt(i)
      return s
    }, { cpu: true, time: '150ms', warmup: '20ms' })
    // CPU per call matches the mean latency within 30 % on an idle machine; a busy shared one
    // steals wall time (seen: half), so only the bounds that always hold are asserted here.
    expect(busy.cpu!.perOp).toBeGreaterThan(busy.latency.mean * 0.1)
    expect(busy.cpu!.perOp).toBeLessThan(busy.latency.mean * 1.5)
    const idle = await bench('timer', () => new Promise((r) => setTimeout(r, 5)), { cpu: true, time: '100ms', warmup: false })
    expect(idle.cpu!.utilization).toBeLessThan(0.5)
    expect(busy.cpu!.utilization).toBeGreaterThan(idle.cpu!.utilization * 4)
    expect(() => expectCpu(idle).utilization.toBeLessThan('50%')).not.toThrow()
  })

  test('cpu: { pid } measures another process', async () => {
    const r = await bench('pid', () => Math.sqrt(2), { cpu: { pid: process.pid }, time: '100ms', warmup: '10ms' })
    expect(r.cpu!.user + r.cpu!.system).toBeGreaterThan(0)
  })

  test('cpu: { pid } of no process: the error names the option, the pid and what to pass', async () => {
    await expect(bench('no pid', () => 1, { cpu: { pid: 2 ** 22 + 12345 }, time: '10ms', warmup: 0 })).rejects.toThrow(/option "cpu\.pid" 4206649: no such process .*; pass the pid of a process that runs while the benchmark measures/)
  })
})
