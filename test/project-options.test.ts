import { describe, expect, test } from 'vitest'
import { resolvePerfOptions } from '../src/run/options.js'
import { differingOptions, projectLabel, projectOptionsText } from '../src/vitest/project-options.js'

describe('perf() listed in several Vitest projects (probe 20 #1)', () => {
  test('the same options, however written, agree; differing ones are listed with both values', () => {
    expect(differingOptions(resolvePerfOptions({ threshold: '20%' }), resolvePerfOptions({}), 'the root config')).toEqual([])
    // Probe 23 #4: a percentage and its fraction, a folder with ./ and a trailing slash.
    expect(differingOptions(resolvePerfOptions({ threshold: '1.1%', baselineDir: './baselines/', json: './out//r.json' }), resolvePerfOptions({ threshold: 0.011, json: 'out/r.json' }), 'the root config')).toEqual([])
    const differences = differingOptions(resolvePerfOptions({ baselineDir: 'b-two', testbed: 'ci' }), resolvePerfOptions({ baselineDir: 'b-one' }), projectLabel('one'))
    expect(differences).toEqual(['baselineDir "b-two" (Vitest project "one": "b-one")', 'testbed "ci" (Vitest project "one": unset)'])
    // One project with its own perf() and the root config's through extends: true (probe 21 #4).
    expect(projectOptionsText(projectLabel('one'), projectLabel('one'), differingOptions(resolvePerfOptions({ baselineDir: 'b-two' }), resolvePerfOptions({}), projectLabel('one')))).toBe(
      `perfspec: Vitest project "one" has two perf() with different options (its own, and one it inherits, e.g. the root config's through extends: true): baselineDir "b-two" (the other: "baselines"). A run has one perf reporter, one baseline folder and one gate for all its projects, so one project's options cannot apply to it alone; give perf() its options once (in the root config, or the same in every project), or run the projects as separate vitest runs`,
    )
    expect(projectOptionsText(projectLabel('two'), projectLabel(undefined), differences)).toMatch(/^perfspec: Vitest project "two" lists perf\(\) with options that differ from those of the root config: baselineDir "b-two" .*; give perf\(\) its options once/)
  })
})
