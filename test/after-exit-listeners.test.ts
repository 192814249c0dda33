import type { SpawnSyncReturns } from 'node:child_process'
import { describe, expect, test } from 'vitest'
import { srcModule, withScript } from './support/script-process.js'

/** Runs `body` in a process of its own, after the imports of perfspec's exit check and a `say` to stdout. */
function run(body: string): SpawnSyncReturns<string> {
  const source = () => `import { checkAfterExitListeners, keepExitFailing } from ${srcModule('src/adapters/after-exit-listeners.ts')}
const say = (s: string) => process.stdout.write(s + '\\n')
${body}
`
  return withScript(source, (runScript) => runScript())
}

describe("process.emit kept perfspec's wrapper", () => {
  test('wrappers set over it run in order for every event, once each; setting back what the last read takes it off; the check runs last', () => {
    const r = run(`const before = process.emit
checkAfterExitListeners(() => say('check'))
const wrap = (name: string) => {
  const read = process.emit
  process.emit = function (this: NodeJS.Process, event: string, ...args: unknown[]) {
    say(name + ' ' + event)
    return (read as any).call(this, event, ...args)
  } as typeof process.emit
  return read
}
process.on('ping', () => say('listener ping'))
process.on('exit', () => say('listener exit'))
wrap('a')
const readB = wrap('b')
process.emit('ping' as any)
say(String(process.emit === before))
process.emit = readB
process.emit('ping' as any)
`)
    expect(r.status, r.stderr).toBe(0)
    const lines = r.stdout.trim().split('\n').filter((l) => /ping|exit|check|false|true/.test(l))
    expect(lines).toEqual(['b ping', 'a ping', 'listener ping', 'false', 'a ping', 'listener ping', 'a exit', 'listener exit', 'check'])
  })

  test('a failing check keeps the exit failing: process.exit(0) from a later listener exits 1, a code of its own stays', () => {
    for (const [code, want] of [[0, 1], [3, 3]] as const) {
      const r = run(`checkAfterExitListeners(() => { say('check'); keepExitFailing() })
process.on('exit', () => process.exit(${code}))
`)
      expect(r.status, r.stderr).toBe(want)
      expect(r.stdout).toBe('check\n')
    }
  })
})
