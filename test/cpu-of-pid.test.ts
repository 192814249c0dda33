import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { expect, it } from 'vitest'
import { sampleProcessCpu } from '../src/measure/cpu-of-pid.js'

// The child burns a fixed amount of its own CPU time (not wall time, which a loaded machine
// would stretch) once told to, reports, and waits to be killed.
const BURN_MS = 400
const childSource = `
process.stdin.once('data', () => {
  const start = process.cpuUsage()
  let x = 0
  for (;;) {
    for (let i = 0; i < 1e5; i++) x += Math.sqrt(i)
    const used = process.cpuUsage(start)
    if ((used.user + used.system) / 1000 >= ${BURN_MS}) break
  }
  process.stdout.write('done ' + x + '\\n')
})
process.stdout.write('ready\\n')
`

it('measures the CPU time another process used between start and stop', async () => {
  const child = spawn(process.execPath, ['-e', childSource], { stdio: ['pipe', 'pipe', 'inherit'] })
  try {
    const lines = child.stdout.setEncoding('utf8')
    await once(lines, 'data')
    const sampler = await sampleProcessCpu(child.pid!)
    child.stdin.write('go\n')
    await once(lines, 'data')
    const cpu = await sampler.stop()
    const total = cpu.user + cpu.system
    // Clock ticks are 10 ms; the child's own wake-up and write add a little.
    expect(total).toBeGreaterThanOrEqual(BURN_MS - 30)
    expect(total).toBeLessThan(BURN_MS + 300)
    expect(cpu.user).toBeGreaterThan(cpu.system)
  } finally {
    child.kill()
  }
}, 60_000)

it('rejects a pid that is not a process id', async () => {
  await expect(sampleProcessCpu(-1)).rejects.toThrow(TypeError)
  await expect(sampleProcessCpu(2 ** 22 + 12345)).rejects.toThrow()
})
