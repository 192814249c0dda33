import { readFileSync, rmSync } from 'node:fs'
import { afterAll, describe, expect, test } from 'vitest'
import { TempProject } from './helpers/temp-project.js'

// Vitest writing over perfspec's files, through the built plugin in a child Vitest (needs `npm run
// build`; npm test does it): probe 58 #1 (coverage emptied the baseline folder before any test ran,
// and the CI run said PASS), #2 (the json reporter wrote over a baseline), #3 (a junit file on the
// report, told only after every test ran). Each is refused before any test runs, nothing lost.
const file = `import { test } from 'vitest'
import { bench } from 'perfspec'

test('one', async () => {
  await bench('x', () => JSON.stringify({ a: [1, 2, 3] }), { time: '30ms', warmup: '10ms' })
})
`

describe("Vitest's own output over perfspec's files", () => {
  const p = new TempProject('runner-outputs', { 'a.test.ts': file })
  p.write('vitest.config.ts', `import { defineConfig } from 'vitest/config'
import perf from 'perfspec/vitest'
export default defineConfig({ plugins: [perf({ baselineAttempts: 1, confirm: 0, threshold: '5000%' })], test: { include: ['*.test.ts'] } })
`)
  afterAll(() => p.remove())
  const baseline = () => readFileSync(p.path('baselines/a.test.ts.json'), 'utf8')

  test('refused before any test: a json file in the baseline folder, a junit file on the report, coverage in the baseline folder', () => {
    const first = p.vitest(['run', '--reporter=perf'])
    expect(first.status, first.output).toBe(0)
    const before = baseline()
    const refusals: Array<[string[], RegExp]> = [
      [['--reporter=json', '--outputFile=baselines/a.test.ts.json'], /perfspec: Vitest's json reporter writes its output to baselines\/a\.test\.ts\.json \(option "outputFile"\), in perfspec's baseline folder baselines/],
      [['--reporter=junit', '--outputFile.junit=BENCHMARK_RESULTS.md'], /perfspec: Vitest's junit reporter writes its output to BENCHMARK_RESULTS\.md \(option "outputFile"\), the file perfspec's option "output" writes its report to/],
      // Refused before Vitest looks for a coverage provider (none is installed here).
      [['--coverage', '--coverage.reportsDirectory=baselines'], /perfspec: Vitest's coverage folder baselines \(option "coverage\.reportsDirectory"\) and perfspec's baseline folder baselines \(option "baselineDir"\) overlap/],
    ]
    for (const [args, message] of refusals) {
      const r = p.vitest(['run', '--reporter=perf', ...args], { CI: 'true' })
      expect(r.status, r.output).toBe(1)
      expect(r.output, args.join(' ')).toMatch(message)
      // No test ran, nothing was written.
      expect(r.output).not.toMatch(/ x .*(new|pass|written)/)
      expect(baseline(), args.join(' ')).toBe(before)
      // The last run's PASS does not stay on disk as this run's: the report fails, saying why.
      const report = readFileSync(p.path('BENCHMARK_RESULTS.md'), 'utf8')
      expect(report).toMatch(/FAIL/)
      expect(report, args.join(' ')).toMatch(/Vitest.s (json reporter|junit reporter|coverage folder)/)
    }
    // A file of its own, beside the folder: no refusal.
    const apart = p.vitest(['run', '--reporter=perf', '--reporter=json', '--outputFile=baselines.json'], { CI: 'true' })
    expect(apart.status, apart.output).toBe(0)
    expect(baseline()).toBe(before)
    expect(JSON.parse(readFileSync(p.path('baselines.json'), 'utf8'))).toHaveProperty('numTotalTests', 1)
  })

  test('a reporter that writes over a report after perfspec wrote it fails the run as the process exits, saying so (probe 60)', () => {
    // Written once perfspec's Markdown report is there (perfspec writes its JSON first): a reporter
    // with no outputFile option, which no check at the start can see.
    p.write('clobber.ts', `import { existsSync, writeFileSync } from 'node:fs'
export default class Clobber {
  async onTestRunEnd() {
    for (let i = 0; i < 1200 && !existsSync('BENCHMARK_RESULTS.md'); i++) await new Promise((r) => setTimeout(r, 50))
    writeFileSync('BENCHMARK_RESULTS.json', '<xml/>')
  }
}
`)
    rmSync(p.path('BENCHMARK_RESULTS.md'), { force: true })
    const r = p.vitest(['run', '--reporter=perf', '--reporter=./clobber.ts'])
    expect(r.status, r.output).toBe(1)
    expect(r.output).toMatch(/perfspec: BENCHMARK_RESULTS\.json: something else in this run wrote to it .*, so the run fails: the report perfspec wrote there is lost/)
    // Probe 64 #1: the report that is still perfspec's says so too; the other tool's file stays as it left it.
    const markdown = readFileSync(p.path('BENCHMARK_RESULTS.md'), 'utf8')
    expect(markdown).toMatch(/FAIL/)
    expect(markdown).toMatch(/something else in this run wrote to it/)
    expect(readFileSync(p.path('BENCHMARK_RESULTS.json'), 'utf8')).toBe('<xml/>')
    // Without it (and its file) the same run passes.
    rmSync(p.path('BENCHMARK_RESULTS.json'))
    const plain = p.vitest(['run', '--reporter=perf'])
    expect(plain.status, plain.output).toBe(0)
    expect(plain.output).not.toMatch(/something else in this run wrote to it/)
  })

  test('probe 65 #2, #3: a reporter that deletes a baseline the run read fails it as the process exits, naming it, with a last status line that says FAIL', () => {
    const before = baseline()
    p.write('remover.ts', `import { rmSync } from 'node:fs'
export default class Remover {
  async onTestRunEnd() {
    await new Promise((r) => setTimeout(r, 300))
    rmSync('baselines/a.test.ts.json')
  }
}
`)
    const r = p.vitest(['run', '--reporter=perf', '--reporter=./remover.ts'], { CI: 'true' })
    expect(r.status, r.output).toBe(1)
    expect(r.output).toMatch(/perfspec: baselines\/a\.test\.ts\.json: something else in this run deleted it .*the baseline that was there is lost, and the next run would take its benchmarks for new ones.*git checkout -- baselines\/a\.test\.ts\.json/)
    expect(r.output.trimEnd()).toMatch(/ FAIL  a file of perfspec's changed by another tool of this run \(above\): the run fails, whatever the summary above said$/)
    p.write('baselines/a.test.ts.json', before)
  })
})
