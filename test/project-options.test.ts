import { describe, expect, test } from 'vitest'
import { resolvePerfOptions } from '../src/run/options.js'
import { differingOptions, projectLabel, projectOptionsText } from '../src/vitest/project-options.js'

describe('perf() listed in several Vitest projects (probe 20 #1)', () => {
  test('the same options, however written, agree; differing ones are listed with both values', () => {
    expect(differingOptions(resolvePerfOptions({ threshold: '20%' }), resolvePerfOptions({}), 'the root config')).toEqual([])
    const differences = differingOptions(resolvePerfOptions({ baselineDir: 'b-two', testbed: 'ci' }), resolvePerfOptions({ baselineDir: 'b-one' }), projectLabel('one'))
    expect(differences).toEqual(['baselineDir "b-two" (Vitest project "one": "b-one")', 'testbed "ci" (Vitest project "one": unset)'])
    expect(projectOptionsText(projectLabel('two'), projectLabel(undefined), differences)).toMatch(/^perfspec: Vitest project "two" lists perf\(\) with options that differ from those of the root config: baselineDir "b-two" .*; give perf\(\) its options once/)
  })
})
