import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'pathe'
import { afterAll, describe, expect, test } from 'vitest'
import { coverageFolder, refuseClashingOutputs, vitestOutputFiles, type VitestOutputConfig } from '../src/vitest/runner-outputs.js'

// What Vitest writes itself, over perfspec's files (probe 58 #1–#3): its reporters' output files
// and its coverage folder, which it empties before any reporter starts.
describe("Vitest's own output files and coverage folder", () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'perfspec-outputs-')))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  const baselines = join(root, 'baselines')
  const reports = { json: join(root, 'BENCHMARK_RESULTS.json'), output: join(root, 'BENCHMARK_RESULTS.md'), exports: [] }
  const config = (more: Partial<VitestOutputConfig>): VitestOutputConfig => ({ root, reporters: [['default', {}]], ...more })

  test('the files of the reporters that write one: their own option first, then the config\'s (one for all, or one per reporter)', () => {
    expect(vitestOutputFiles(config({ reporters: [['json', {}], ['junit', { outputFile: 'j.xml' }], 'html', ['default', {}]], outputFile: { json: 'out/v.json', html: '/abs/h.html' } }))).toEqual([
      { reporter: 'json', option: 'outputFile', given: 'out/v.json', file: join(root, 'out/v.json') },
      { reporter: 'junit', option: 'outputFile', given: 'j.xml', file: join(root, 'j.xml') },
      { reporter: 'html', option: 'outputFile', given: '/abs/h.html', file: '/abs/h.html' },
    ])
    expect(vitestOutputFiles(config({ reporters: [['blob', {}], ['verbose', {}]], outputFile: 'x.json' }))).toEqual([{ reporter: 'blob', option: 'outputFile', given: 'x.json', file: join(root, 'x.json') }])
    // Probe 59 #1: instances in the config, of Vitest's classes or of classes extending them.
    class JsonReporter {
      constructor(readonly options: { outputFile?: string } = {}) {}
    }
    class MyJson extends JsonReporter {}
    class JUnitReporter {
      constructor(readonly options: { outputFile?: string } = {}) {}
    }
    expect(vitestOutputFiles(config({ reporters: [new JsonReporter(), new MyJson({ outputFile: 'm.json' }), new JUnitReporter({ outputFile: 'j.xml' }), { onInit() {} }], outputFile: { json: 'v.json' } }))).toEqual([
      { reporter: 'json', option: 'outputFile', given: 'v.json', file: join(root, 'v.json') },
      { reporter: 'json', option: 'outputFile', given: 'm.json', file: join(root, 'm.json') },
      { reporter: 'junit', option: 'outputFile', given: 'j.xml', file: join(root, 'j.xml') },
    ])
    // Probe 60 #1, #5: a reporter of one's own given an outputFile, and the github-actions job summary.
    expect(vitestOutputFiles(config({ reporters: [['./my-json.ts', { outputFile: 'baselines/a.json' }], ['./quiet.ts', {}], ['github-actions', { jobSummary: { outputPath: 'BENCHMARK_RESULTS.md' } }]], outputFile: 'x.json' }))).toEqual([
      { reporter: './my-json.ts', option: 'outputFile', given: 'baselines/a.json', file: join(root, 'baselines/a.json') },
      { reporter: 'github-actions', option: 'jobSummary.outputPath', given: 'BENCHMARK_RESULTS.md', file: join(root, 'BENCHMARK_RESULTS.md') },
    ])
    // No reporter that writes one: an outputFile nobody writes is not looked at.
    expect(vitestOutputFiles(config({ outputFile: 'baselines/a.json' }))).toEqual([])
  })

  test('a reporter\'s file in the baseline folder, or on a report, is refused, naming both options', () => {
    expect(() => refuseClashingOutputs(config({ reporters: [['json', {}]], outputFile: 'baselines/a.test.ts.json' }), baselines, reports)).toThrow(
      /^perfspec: Vitest's json reporter writes its output to baselines\/a\.test\.ts\.json \(option "outputFile"\), in perfspec's baseline folder baselines \(option "baselineDir"\): it would write over a baseline\. Give outputFile a file outside baselines$/,
    )
    expect(() => refuseClashingOutputs(config({ reporters: [['junit', {}]], outputFile: { junit: './BENCHMARK_RESULTS.md' } }), baselines, reports)).toThrow(/^perfspec: Vitest's junit reporter writes its output to \.\/BENCHMARK_RESULTS\.md \(option "outputFile"\), the file perfspec's option "output" writes its report to/)
    // Without a perf reporter (a blob shard, a plain run) only the baselines count.
    expect(() => refuseClashingOutputs(config({ reporters: [['json', {}]], outputFile: 'BENCHMARK_RESULTS.json' }), baselines)).not.toThrow()
    expect(() => refuseClashingOutputs(config({ reporters: [['json', {}]], outputFile: 'baselines.json' }), baselines, reports)).not.toThrow()
    // Through a link to the folder.
    mkdirSync(baselines, { recursive: true })
    symlinkSync(baselines, join(root, 'bl'))
    expect(() => refuseClashingOutputs(config({ reporters: [['blob', { outputFile: 'bl/x.json' }]] }), baselines)).toThrow(/Vitest's blob reporter writes its output to bl\/x\.json/)
    // Its stack is left out: Vitest prints a startup error with what stack it has.
    let refusal: Error | undefined
    try {
      refuseClashingOutputs(config({ reporters: [['json', {}]], outputFile: 'baselines/x.json' }), baselines)
    } catch (error) {
      refusal = error as Error
    }
    expect(refusal?.stack).toBe(`TypeError: ${refusal?.message}`)
  })

  test('a coverage folder that is the baseline folder, holds it or lies in it is refused; coverage off or apart is not', () => {
    const on = (reportsDirectory?: string) => config({ coverage: { enabled: true, ...(reportsDirectory !== undefined && { reportsDirectory }) } })
    expect(coverageFolder(on())).toBe(join(root, 'coverage'))
    expect(coverageFolder(config({ coverage: { enabled: false, reportsDirectory: 'baselines' } }))).toBeUndefined()
    for (const dir of ['baselines', './baselines/', 'baselines/cov', join(root, 'baselines'), 'bl']) {
      expect(() => refuseClashingOutputs(on(dir), baselines), dir).toThrow(/^perfspec: Vitest's coverage folder .* \(option "coverage\.reportsDirectory"\) and perfspec's baseline folder baselines \(option "baselineDir"\) overlap: coverage empties its folder before the tests run, which would delete the baselines/)
    }
    expect(() => refuseClashingOutputs(on('perf'), join(root, 'perf', 'baselines'))).toThrow(/coverage folder perf .* and perfspec's baseline folder perf\/baselines/)
    for (const dir of [undefined, 'coverage', 'baselines-cov', '../elsewhere']) expect(() => refuseClashingOutputs(on(dir), baselines), String(dir)).not.toThrow()
    expect(() => refuseClashingOutputs(config({ coverage: { enabled: false, reportsDirectory: 'baselines' } }), baselines)).not.toThrow()
  })
})
