import { spawn } from 'node:child_process'
import { expect, test } from 'vitest'
import { watchHostLoad } from '../src/measure/host-load.js'

const spin = (ms: number) => {
  const end = performance.now() + ms
  while (performance.now() < end) {}
}

// Real processes, so only what holds with wide margins on a busy 2-core machine (other test files
// run beside this one, and the hypervisor may take time from both cores): another process spinning
// on a core reads as at least a quarter of a core. A CI run read 0.49 once with a bound of 0.5.
test('CPU used by other processes, in cores', async () => {
  const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' })
  try {
    await new Promise((done) => setTimeout(done, 300))
    const other = watchHostLoad()
    spin(800)
    expect(other()).toBeGreaterThan(0.25)
  } finally {
    child.kill()
  }
})
