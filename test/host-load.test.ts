import { spawn } from 'node:child_process'
import { expect, test } from 'vitest'
import { watchHostLoad } from '../src/measure/host-load.js'

const spin = (ms: number) => {
  const end = performance.now() + ms
  while (performance.now() < end) {}
}

// Real processes, so only what holds with wide margins on a busy 2-core machine (other test files
// run beside this one): another process spinning on a core reads as at least half a core.
test('CPU used by other processes, in cores', async () => {
  const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' })
  try {
    await new Promise((done) => setTimeout(done, 300))
    const other = watchHostLoad()
    spin(400)
    expect(other()).toBeGreaterThan(0.5)
  } finally {
    child.kill()
  }
})
