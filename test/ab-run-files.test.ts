import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterAll, describe, expect, test } from 'vitest'
import { pairFiles, runFiles, type FilePlan } from '../src/ab/run-files.js'
import { detectRunner, filesAlsoMatched, listArguments, parseListing, runArguments, shardFiles, splitRunnerArguments, withSharedSeed } from '../src/ab/runner.js'
import { listingFailure, relativeTo, type SideExit, type SideProcess } from '../src/ab/sides.js'
import type { AbSide } from '../src/model/ab.js'

describe('runner arguments', () => {
  test('file filters go to the listing only, options to every run, the shard to perfspec', () => {
    expect(splitRunnerArguments(['examples/json', '--project=web', '--shard=2/3', '--silent', 'cache'])).toEqual({
      list: ['examples/json', '--project=web', '--silent', 'cache'],
      run: ['--project=web', '--silent'],
      shard: { index: 2, count: 3 },
    })
    // An option written without '=' keeps its value with it.
    expect(splitRunnerArguments(['--project', 'web', 'json']).run).toEqual(['--project', 'web'])
    // A short option too (`-t parser` went to each run as a bare `-t`, and every file failed); a short flag does not.
    expect(splitRunnerArguments(['-t', 'parser', 'json']).run).toEqual(['-t', 'parser'])
    expect(splitRunnerArguments(['-b', 'json', '-i', 'cache']).run).toEqual(['-b', '-i'])
    expect(splitRunnerArguments(['--shard', '1/2']).shard).toEqual({ index: 1, count: 2 })
    expect(() => splitRunnerArguments(['--shard=3/2'])).toThrow(/--shard 3\/2: expected i\/n with 1 ≤ i ≤ n, e\.g\. --shard=1\/3/)
    expect(() => splitRunnerArguments(['--shard'])).toThrow(/expected i\/n/)
  })

  test("Vitest's filter for a file also matches the files whose path contains it: those are excluded by name", () => {
    const listed = ['t/a.test.ts', 'x/t/a.test.ts', 'T/A.test.ts.bak/y.test.ts', 'b.test.ts', 'x/[id]/t/a.test.ts', 'u/a.test.ts']
    // Under a root below the project's (`src`), the filter is `t/a.test.ts` or even `a.test.ts`.
    expect(filesAlsoMatched('vitest', 't/a.test.ts', listed)).toEqual(['x/t/a.test.ts', 'T/A.test.ts.bak/y.test.ts', 'x/[id]/t/a.test.ts', 'u/a.test.ts'])
    expect(filesAlsoMatched('vitest', 'src/t/a.test.ts', ['src/t/a.test.ts', 'src/x/t/a.test.ts'])).toEqual(['src/x/t/a.test.ts'])
    expect(filesAlsoMatched('jest', 't/a.test.ts', listed)).toEqual([])
    expect(runArguments('vitest', '/p/t/a.test.ts', ['--silent'], ['x/t/a.test.ts', 'x/[id]/t/a.test.ts'])).toEqual(['run', '/p/t/a.test.ts', '--no-file-parallelism', '--exclude', 'x/t/a.test.ts', '--exclude', 'x/\\[id\\]/t/a.test.ts', '--silent'])
  })

  test('probe 41 #5: both sides order their tests by one seed (a shuffle on each side with its own seed kept most pairs from meeting), unless the options give one', () => {
    expect(withSharedSeed('vitest', ['--silent'], 42)).toEqual(['--silent', '--sequence.seed=42'])
    expect(withSharedSeed('vitest', ['--sequence.shuffle', '--sequence.seed=7'], 42)).toEqual(['--sequence.shuffle', '--sequence.seed=7'])
    expect(withSharedSeed('jest', ['--randomize'], 42)).toEqual(['--randomize', '--seed=42'])
    expect(withSharedSeed('jest', ['--randomize', '--seed=7'], 42)).toEqual(['--randomize', '--seed=7'])
    // Jest 29 before 29.2 knows no --seed: none without --randomize.
    expect(withSharedSeed('jest', ['--silent'], 42)).toEqual(['--silent'])
  })

  test('probe 41 #6: an update flag is refused, naming it (no baseline is read or written; Vitest would take a filter after -u for its value)', () => {
    expect(() => splitRunnerArguments(['-u', 't/b.test.ts'])).toThrow('-u: perfspec ab compares the two revisions and reads or writes no baseline (nor snapshot), so an update flag does nothing there, and Vitest would take the filter after it ("t/b.test.ts") for its value; leave it out')
    expect(() => splitRunnerArguments(['--update=bad'])).toThrow(/^--update=bad: perfspec ab compares the two revisions and reads or writes no baseline \(nor snapshot\), so an update flag does nothing there; leave it out$/)
    // probe 42 #2: every spelling the runners' parsers read as an update: kebab case, short flags written together.
    for (const arg of ['--update-snapshot', '--update-snapshot=true', '--updateSnapshot', '-iu', '-ui', '-u=all', '--update=new']) {
      expect(() => splitRunnerArguments(['json', arg]), arg).toThrow(`${arg}: perfspec ab compares the two revisions`)
    }
    expect(splitRunnerArguments(['--update=false', '--updateSnapshot=false', '--no-update', '-i']).run).toEqual(['--update=false', '--updateSnapshot=false', '--no-update', '-i'])
  })

  test('an option that keeps the runner from ending is refused, naming it', () => {
    for (const arg of ['--watch', '-w', '--watchAll', '--watch-all', '--watchAll=true', '--ui', '--standalone', '--inspect-brk', '--inspect-brk=9229', '--inspectBrk', '-iw']) {
      expect(() => splitRunnerArguments(['json', arg]), arg).toThrow(new RegExp(`^${arg.replace(/[.*+?^$()|[\]\\]/g, '\\$&')}: perfspec ab runs each test file once on each side and waits for the runner to end, which .* would keep waiting for ever; leave it out`))
    }
    expect(splitRunnerArguments(['--watch=false', '--watchAll=0']).run).toEqual(['--watch=false', '--watchAll=0'])
  })

  test('shards split the sorted files of both sides alike, every file in exactly one', () => {
    const files = ['a', 'b', 'c', 'd', 'e']
    const shards = [1, 2, 3].map((index) => shardFiles(files, { index, count: 3 }))
    expect(shards.flat()).toEqual(files)
    expect(shards.map((s) => s.length)).toEqual([1, 2, 2])
    expect(shardFiles(files)).toEqual(files)
  })

  test('listing and running commands of each runner', () => {
    expect(listArguments('vitest', ['json'])).toEqual(['list', 'json', '--filesOnly', '--json'])
    expect(listArguments('jest', [])).toEqual(['--listTests', '--json'])
    // Probe 54 #3, probe 55 #2, #3, probe 56 #2: a runner's output file, for one reporter too, is refused (Jest would write its listing there).
    for (const args of [['--outputFile=x.json'], ['--json', '--outputFile', 'out/x.json'], ['--output-file=.perfspec/ab/results.json'], ['--outputFile.json=x.json'], ['--output-file.junit=x.xml']]) expect(() => splitRunnerArguments(args)).toThrow(/: perfspec ab runs each test file alone on each side.*leave it out: perfspec ab writes its results to \.perfspec\/ab\/results\.json/)
    expect(runArguments('vitest', '/p/a.test.ts', ['--silent'])).toEqual(['run', '/p/a.test.ts', '--no-file-parallelism', '--silent'])
    expect(runArguments('jest', '/p/a.test.ts', [])).toEqual(['--runInBand', '--forceExit', '--runTestsByPath', '/p/a.test.ts'])
  })

  test('listings of both runners are read; anything else is refused, quoting it', () => {
    expect(parseListing('vitest', 'config log line\n[{"file":"/p/a.test.ts","projectName":"x"},{"file":"/p/a.test.ts","projectName":"y"}]', 'head')).toEqual(['/p/a.test.ts'])
    expect(parseListing('jest', '["/p/b.test.js"]', 'base')).toEqual(['/p/b.test.js'])
    // A config that logs "[setup] …" before the listing.
    expect(parseListing('jest', '[setup] ready\n["/p/b.test.js"]\n', 'base')).toEqual(['/p/b.test.js'])
    expect(parseListing('vitest', '', 'base')).toEqual([])
    expect(() => parseListing('jest', 'Error: no config', 'base')).toThrow(/could not read the base side's list of test files from jest .*Error: no config/)
    expect(relativeTo('/p', '/p/src/a.test.ts')).toBe('src/a.test.ts')
    expect(relativeTo('C:\\p', 'C:\\p\\a.test.ts')).toBe('a.test.ts')
    // A test file the config takes from outside the project folder: the same name on both sides.
    expect(relativeTo('/repo/app', '/repo/shared/s.test.ts')).toBe('../shared/s.test.ts')
    expect(relativeTo('/cache/wt/app', '/cache/wt/shared/s.test.ts')).toBe('../shared/s.test.ts')
  })

  test('the runner is told by the config, else the dependencies; both or neither ask for --runner', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'perfspec-ab-runner-')))
    try {
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ devDependencies: { jest: '30' } }))
      expect(detectRunner(dir)).toBe('jest')
      writeFileSync(join(dir, 'vitest.config.ts'), '')
      expect(detectRunner(dir)).toBe('vitest')
      writeFileSync(join(dir, 'jest.config.js'), '')
      expect(() => detectRunner(dir)).toThrow(/both a Vitest and a Jest config; say it with --runner vitest or --runner jest/)
      rmSync(join(dir, 'jest.config.js'))
      rmSync(join(dir, 'vitest.config.ts'))
      writeFileSync(join(dir, 'package.json'), '{}')
      expect(() => detectRunner(dir)).toThrow(/neither vitest nor jest/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the files of both sides', () => {
  test('one sorted order; a file on one side only runs alone', () => {
    expect(pairFiles(['b.test.ts', 'a.test.ts', 'old.test.ts'], ['a.test.ts', 'new.test.ts', 'b.test.ts'])).toEqual([
      { file: 'a.test.ts', sides: ['base', 'head'] },
      { file: 'b.test.ts', sides: ['base', 'head'] },
      { file: 'new.test.ts', sides: ['head'] },
      { file: 'old.test.ts', sides: ['base'] },
    ])
  })
})

/** A runner process that ends when the test says, recording what happened to it. */
class FakeProcess implements SideProcess {
  stopped = false
  private finish!: (exit: SideExit) => void
  readonly exited: Promise<SideExit>
  constructor(readonly side: AbSide, readonly file: string) {
    this.exited = new Promise((resolve) => (this.finish = resolve))
  }
  end(code: number | null, signal: NodeJS.Signals | null = null, output = '') {
    this.finish({ side: this.side, file: this.file, code, signal, stopped: this.stopped, output })
  }
  stop() {
    this.stopped = true
    this.end(null, 'SIGTERM')
  }
}

function harness(plan: FilePlan[]) {
  const events: string[] = []
  const started: FakeProcess[] = []
  const coordinator = { fileStarted: (f: string, turn?: string) => events.push(`file ${f}${turn !== undefined && turn !== f ? ' (its early turn)' : ''}`), sideEnded: (s: AbSide) => events.push(`ended ${s}`) }
  const start = (side: AbSide, file: string, turn?: string) => {
    events.push(`start ${side} ${file}${turn ? ` early` : ''}`)
    const p = new FakeProcess(side, file)
    started.push(p)
    return p
  }
  const waitFor = async (n: number) => {
    while (started.length < n) await new Promise((r) => setImmediate(r))
    return started[n - 1]!
  }
  return { events, started, coordinator, start, waitFor }
}

describe('running the files', () => {
  test('both sides of a file at once; each side\'s end told as it comes; a missing side at once', async () => {
    const h = harness(pairFiles(['a', 'gone'], ['a', 'new']))
    const done = runFiles({ plan: pairFiles(['a', 'gone'], ['a', 'new']), coordinator: h.coordinator, start: h.start })
    ;(await h.waitFor(2)).end(0)
    ;(await h.waitFor(1)).end(0)
    ;(await h.waitFor(3)).end(0)
    ;(await h.waitFor(4)).end(0)
    expect(await done).toEqual({ failures: [], aborted: false, ran: 3 })
    expect(h.events).toEqual([
      'file a', 'start base a', 'start head a', 'ended head', 'ended base',
      'file gone', 'ended head', 'start base gone', 'ended base',
      'file new', 'ended base', 'start head new', 'ended head',
    ])
  })

  test('failing tests on one side are reported and the run goes on', async () => {
    const h = harness([])
    const plan = pairFiles(['a', 'b'], ['a', 'b'])
    const done = runFiles({ plan, coordinator: h.coordinator, start: h.start })
    ;(await h.waitFor(1)).end(1, null, 'FAIL a > t')
    ;(await h.waitFor(2)).end(0)
    ;(await h.waitFor(3)).end(0)
    ;(await h.waitFor(4)).end(0)
    const outcome = await done
    expect(outcome.failures).toEqual([{ side: 'base', file: 'a', code: 1, signal: null, output: 'FAIL a > t' }])
    expect(outcome.ran).toBe(2)
  })

  test('a side killed from outside stops the other side and the run', async () => {
    const h = harness([])
    const done = runFiles({ plan: pairFiles(['a', 'b'], ['a', 'b']), coordinator: h.coordinator, start: h.start })
    ;(await h.waitFor(2)).end(null, 'SIGKILL')
    const outcome = await done
    expect(outcome.killed).toMatchObject({ side: 'head', file: 'a', signal: 'SIGKILL' })
    expect(h.started[0]!.stopped).toBe(true)
    expect(h.started).toHaveLength(2)
    expect(outcome.failures).toEqual([])
  })

  test("the next file's runners start early for the sides that allow it, and run it at its turn; a run that ends first stops them", async () => {
    const h = harness([])
    const plan = pairFiles(['a', 'b', 'c'], ['a', 'b', 'c'])
    const done = runFiles({ plan, coordinator: h.coordinator, start: h.start, early: (side) => side === 'head' })
    ;(await h.waitFor(3)).end(0)
    h.started[0]!.end(0)
    h.started[1]!.end(0)
    // b's head started with a's turn; its base at b's turn, with c's head.
    await h.waitFor(5)
    for (const p of h.started.slice(2)) p.end(0)
    await h.waitFor(6)
    h.started[5]!.end(0)
    expect(await done).toEqual({ failures: [], aborted: false, ran: 3 })
    expect(h.events).toEqual([
      'file a', 'start base a', 'start head a', 'start head b early', 'ended base', 'ended head',
      // b's and c's heads ended before their base: an early runner's end is told at its turn.
      'file b (its early turn)', 'start base b', 'start head c early', 'ended head', 'ended base',
      'file c (its early turn)', 'start base c', 'ended head', 'ended base',
    ])
    // Killed from outside, or aborted: the early ones are stopped too.
    const k = harness([])
    const killed = runFiles({ plan, coordinator: k.coordinator, start: k.start, early: () => true })
    ;(await k.waitFor(4)).end(0)
    k.started[0]!.end(null, 'SIGKILL')
    expect((await killed).killed).toMatchObject({ side: 'base', file: 'a' })
    expect(k.started.slice(1).map((p) => p.stopped)).toEqual([true, true, true])
    const abort = new AbortController()
    const s = harness([])
    const aborted = runFiles({ plan, coordinator: s.coordinator, start: s.start, early: () => true, signal: abort.signal })
    await s.waitFor(4)
    abort.abort()
    expect(await aborted).toMatchObject({ aborted: true, ran: 0 })
    expect(s.started.map((p) => p.stopped)).toEqual([true, true, true, true])
  })

  test("a side that comes to allow early starts while a file runs (its worker said so as it connected) has the next file's runner started then; none once the file ended", async () => {
    const h = harness([])
    const plan = pairFiles(['a', 'b', 'c'], ['a', 'b', 'c'])
    const allowed = new Set<AbSide>()
    const listeners = new Set<() => void>()
    const onEarly = (l: () => void) => (listeners.add(l), () => listeners.delete(l))
    const hello = (side: AbSide) => {
      allowed.add(side)
      for (const l of [...listeners]) l()
    }
    const done = runFiles({ plan, coordinator: h.coordinator, start: h.start, early: (side) => allowed.has(side), onEarly })
    await h.waitFor(2)
    hello('base')
    hello('base')
    hello('head')
    await h.waitFor(4)
    h.started[0]!.end(0)
    h.started[1]!.end(0)
    // b's runners were started early: its turn comes, and c's start with it.
    await h.waitFor(6)
    for (const p of h.started.slice(2)) p.end(0)
    expect(await done).toEqual({ failures: [], aborted: false, ran: 3 })
    expect(h.events.slice(0, 7)).toEqual(['file a', 'start base a', 'start head a', 'start base b early', 'start head b early', 'ended base', 'ended head'])
    expect(h.events[7]).toBe('file b (its early turn)')
    expect(listeners.size).toBe(0)
    // A hello after the run: nothing more starts.
    hello('head')
    expect(h.started).toHaveLength(6)
  })

  test("the file to start early after the last one is asked as the last one starts (what the files before found decides it)", async () => {
    const h = harness([])
    const plan = pairFiles(['a', 'b'], ['a', 'b'])
    const asked: number[] = []
    const done = runFiles({ plan, coordinator: h.coordinator, start: h.start, early: () => true, then: () => (asked.push(h.started.length), { file: 'a', sides: ['base', 'head'] }) })
    await h.waitFor(4)
    expect(asked).toEqual([])
    for (const p of h.started.slice(0, 2)) p.end(0)
    await h.waitFor(6)
    expect(asked).toEqual([4])
    for (const p of h.started.slice(2, 4)) p.end(0)
    const { next } = await done
    expect(next?.file).toBe('a')
    expect(h.started.slice(4).map((p) => [p.file, p.stopped])).toEqual([['a', false], ['a', false]])
  })

  test("a fresh round's first file starts as the round before ends its last; a round that does not begin with it stops them", async () => {
    const h = harness([])
    const plan = pairFiles(['a'], ['a'])
    const first = runFiles({ plan, coordinator: h.coordinator, start: h.start, early: () => true, then: () => plan[0] })
    ;(await h.waitFor(4)).end(0)
    h.started[0]!.end(0)
    h.started[1]!.end(0)
    const { next } = await first
    expect(next?.file).toBe('a')
    expect([...next!.runners.keys()]).toEqual(['base', 'head'])
    // The next round runs a again with them: no runner started at its turn, the coordinator told their turn.
    const second = runFiles({ plan, coordinator: h.coordinator, start: h.start, begun: next })
    h.started[2]!.end(0)
    expect(await second).toEqual({ failures: [], aborted: false, ran: 1 })
    expect(h.events).toEqual(['file a', 'start base a', 'start head a', 'start base a early', 'start head a early', 'ended base', 'ended head', 'file a (its early turn)', 'ended head', 'ended base'])
    expect(h.started).toHaveLength(4)
    // Runners started for a file the next round does not begin with: stopped, and its own started.
    const k = harness([])
    const again = runFiles({ plan: pairFiles(['a'], ['a']), coordinator: k.coordinator, start: k.start, early: () => true, then: () => ({ file: 'b', sides: ['base', 'head'] }) })
    for (let n = 1; n <= 4; n++) (await k.waitFor(n)).end(0)
    const left = (await again).next
    const other = runFiles({ plan: pairFiles(['c'], ['c']), coordinator: k.coordinator, start: k.start, begun: left })
    ;(await k.waitFor(6)).end(0)
    k.started[4]!.end(0)
    await other
    expect(k.started.slice(2, 4).map((p) => [p.file, p.stopped])).toEqual([['b', true], ['b', true]])
    expect(k.events.slice(-5)).toEqual(['file c', 'start base c', 'start head c', 'ended head', 'ended base'])
  })

  test('an abort (Ctrl-C) stops both sides and starts no further file', async () => {
    const h = harness([])
    const abort = new AbortController()
    const done = runFiles({ plan: pairFiles(['a', 'b'], ['a', 'b']), coordinator: h.coordinator, start: h.start, signal: abort.signal })
    await h.waitFor(2)
    abort.abort()
    expect(await done).toEqual({ failures: [], aborted: true, ran: 0 })
    expect(h.started.map((p) => p.stopped)).toEqual([true, true])
  })
})

describe('a side that could not list its test files', () => {
  test("perfspec's refusal is quoted alone, without colours (probe 60 #6); other failures by the end of the output", () => {
    const startup = `\u001b[33m(!) Your Vite config uses features that are unsupported\u001b[39m\n  - ESM syntax\n\n\u001b[31m⎯⎯⎯\u001b[39m Startup Error\n[TypeError: perfspec: Vitest's json reporter writes its output to baselines/x.json (option "outputFile"), in perfspec's baseline folder baselines (option "baselineDir"): it would write over a baseline. Give outputFile a file outside baselines] {\n  plugin: 'perfspec',\n  hook: 'configureVitest'\n}\n`
    expect(listingFailure(startup, '')).toBe(`perfspec: Vitest's json reporter writes its output to baselines/x.json (option "outputFile"), in perfspec's baseline folder baselines (option "baselineDir"): it would write over a baseline. Give outputFile a file outside baselines`)
    expect(listingFailure('\u001b[31mError: Cannot find module x\u001b[39m\n', '')).toBe('Error: Cannot find module x')
    expect(listingFailure('', 'no tests\n')).toBe('no tests')
  })
})
