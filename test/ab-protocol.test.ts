import { describe, expect, test } from 'vitest'
import { AB_ENV, abSocketPath, encodeAbEnvironment, encodeMessage, LineSplitter, parseCoordinatorMessage, parseWorkerMessage } from '../src/ab/protocol'
import { parseAbEnvironment } from '../src/model/ab-environment'

describe('PERFSPEC_AB', () => {
  test('unset or empty: not in A/B mode', () => {
    expect(parseAbEnvironment(undefined)).toBeUndefined()
    expect(parseAbEnvironment('')).toBeUndefined()
  })

  test('a version-1 environment round-trips, with the file a process started early holds for', () => {
    const env = { v: 1, socket: '/tmp/x.sock', side: 'base' as const, run: 'r1' }
    expect(parseAbEnvironment(encodeAbEnvironment(env))).toEqual(env)
    expect(parseAbEnvironment(encodeAbEnvironment({ ...env, hold: 'src/a.test.ts' }))).toEqual({ ...env, hold: 'src/a.test.ts' })
  })

  test.each([
    ['not json', /is not JSON/],
    ['[1]', /not a JSON object/],
    ['{"v":2,"socket":"/s","side":"head","run":"1"}', /"v" 2.*version 1/],
    ['{"v":1,"side":"head","run":"1"}', /no "socket"/],
    ['{"v":1,"socket":"/s","side":"left","run":"1"}', /"side" "left"/],
    ['{"v":1,"socket":"/s","side":"head"}', /no "run"/],
    ['{"v":1,"socket":"/s","side":"head","run":"1","hold":""}', /"hold" that is not the name of a turn/],
  ])('%s is refused with the variable, the field and an example', (value, message) => {
    expect(() => parseAbEnvironment(value)).toThrow(TypeError)
    expect(() => parseAbEnvironment(value)).toThrow(message)
    expect(() => parseAbEnvironment(value)).toThrow(`${AB_ENV}='{"v":1,`)
  })
})

describe('messages', () => {
  test('worker messages round-trip through one line each', () => {
    const messages = [
      { t: 'hello', v: 1, side: 'head', pid: 12, perfspec: '0.1.0' },
      { t: 'hello', v: 1, side: 'base', pid: 13, perfspec: '0.1.0', holds: true },
      { t: 'held', turn: '2:a.test.ts' },
      { t: 'ready', id: 'a.test.ts > t > x', file: 'a.test.ts', titles: ['t'] as string[], name: 'x', budgetMs: 4000 },
      { t: 'ready', id: 'a.test.ts > t > y', file: 'a.test.ts', titles: ['t'] as string[], name: 'y', gate: false },
      { t: 'ready', id: 'a.test.ts > t > z', file: 'a.test.ts', titles: ['t'] as string[], name: 'z', gate: { metric: 'p95', threshold: 0.25 } },
      { t: 'block', id: 'x', ops: 100, ns: 3e7, typicalNs: 3e5, figures: { mean: 3.1e5 } },
      { t: 'end', id: 'x', reason: 'error' },
    ] as const
    for (const m of messages) {
      const line = encodeMessage(m)
      expect(line.endsWith('\n')).toBe(true)
      expect(line.slice(0, -1)).not.toContain('\n')
      expect(parseWorkerMessage(line.trim())).toEqual(m)
    }
  })

  test("an older worker's ready message gives its title path joined with ' > ': read as split there", () => {
    expect(parseWorkerMessage('{"t":"ready","id":"a > t > x","file":"a","test":"d > t","name":"x"}')).toEqual({ t: 'ready', id: 'a > t > x', file: 'a', titles: ['d', 't'], name: 'x' })
    expect(parseWorkerMessage('{"t":"ready","id":"a > x","file":"a","test":"","name":"x"}')).toMatchObject({ titles: [] })
    expect(parseWorkerMessage('{"t":"ready","id":"a > x","file":"a","titles":["t",1],"name":"x"}')).toEqual(expect.objectContaining({ message: expect.stringContaining('"titles"') }))
    expect(parseWorkerMessage('{"t":"ready","id":"a > x","file":"a","name":"x"}')).toEqual(expect.objectContaining({ message: expect.stringContaining('"titles"') }))
  })

  test('a bad worker message is an error naming the field, never a throw', () => {
    expect(parseWorkerMessage('{"t":"block","id":"x","ops":0,"ns":1,"typicalNs":1}')).toEqual(expect.objectContaining({ message: expect.stringContaining('"ops"') }))
    expect(parseWorkerMessage('{"t":"ready","id":"x","file":"f","test":"t"}')).toBeInstanceOf(Error)
    expect(parseWorkerMessage('{"t":"end","id":"x","reason":"tired"}')).toBeInstanceOf(Error)
    expect(parseWorkerMessage('{"t":"nope"}')).toBeInstanceOf(Error)
    expect(parseWorkerMessage('{"t":"held","turn":""}')).toBeInstanceOf(Error)
    for (const gate of ['true', '{"metric":"p42"}', '{"threshold":20}', '"20%"']) expect(parseWorkerMessage(`{"t":"ready","id":"x","file":"f","titles":[],"name":"x","gate":${gate}}`)).toEqual(expect.objectContaining({ message: expect.stringContaining('"gate"') }))
    expect(parseWorkerMessage('{')).toBeInstanceOf(Error)
  })

  test('coordinator messages parse, bad ones are errors', () => {
    expect(parseCoordinatorMessage('{"t":"turn","id":"x","ms":30}')).toEqual({ t: 'turn', id: 'x', ms: 30 })
    expect(parseCoordinatorMessage('{"t":"alone","id":"x","reason":"partner-timeout"}')).toEqual({ t: 'alone', id: 'x', reason: 'partner-timeout' })
    expect(parseCoordinatorMessage('{"t":"stop","id":"x"}')).toEqual({ t: 'stop', id: 'x' })
    expect(parseCoordinatorMessage('{"t":"go","id":""}')).toEqual({ t: 'go', id: '' })
    expect(parseCoordinatorMessage('{"t":"go","id":"x"}')).toBeInstanceOf(Error)
    expect(parseCoordinatorMessage('{"t":"turn","id":"x","ms":-1}')).toBeInstanceOf(Error)
    expect(parseCoordinatorMessage('{"t":"alone","id":"x","reason":"bored"}')).toBeInstanceOf(Error)
  })

  test('lines split across chunks are joined; \\r\\n and empty lines are tolerated', () => {
    const split = new LineSplitter()
    expect(split.push('{"a":')).toEqual([])
    expect(split.push('1}\r\n\n{"b"')).toEqual(['{"a":1}'])
    expect(split.push(':2}\n')).toEqual(['{"b":2}'])
  })

  test('socket path: a named pipe on Windows, a file elsewhere', () => {
    expect(abSocketPath('/tmp/', 'r1', 'linux')).toBe('/tmp/perfspec-ab-r1.sock')
    expect(abSocketPath('C:\\t', 'r1', 'win32')).toBe('\\\\.\\pipe\\perfspec-ab-r1')
  })
})
