import { describe, expect, test } from 'vitest'
import { confirmInFreshProcesses, firstRoundFile } from '../src/ab/confirm-rounds'
import type { FilePlan } from '../src/ab/run-files'
import { confirmMargin, confirmSlower, freshRoundsAgree, roundOf, stillSuspect } from '../src/compare/ab-confirmation'
import type { AbComparison } from '../src/model/ab'
import { abSentence } from '../src/report/ab-text'
import { abComparisonProblems } from '../src/run/ab-comparison-check'

function reading(name: string, change: number, interval: [number, number], status: AbComparison['status'] = 'slower', file = 'a.test.ts'): AbComparison {
  return { id: `${file} > t > ${name}`, file, test: 't', titles: ['t'], name, status, pairs: 16, base: { typicalNs: 100, n: 16 }, head: { typicalNs: 100 * (1 + change), n: 16 }, metric: 'typical', change, interval, confidence: 0.9996, threshold: 0.1, ms: 1000 }
}

describe('confirmSlower: a suspect against what fresh processes read', () => {
  test('a change that stays in every pair of processes is slower, carrying each reading', () => {
    const c = confirmSlower(reading('x', 0.1, [0.08, 0.12]), [reading('x', 0.11, [0.09, 0.13]), reading('x', 0.09, [0.07, 0.11])], 0.1)
    expect(c.status).toBe('slower')
    expect(c.rounds?.map((r) => r.change)).toEqual([0.1, 0.11, 0.09])
    expect(abSentence(c)).toContain('confirmed by 3 pairs of processes: +10% [+8.0%, +12%], then +11% [+9.0%, +13%], then +9.0% [+7.0%, +11%]')
  })

  test('what confirmation writes passes the checks of --merge: slower after agreeing rounds, not-confirmed after disagreeing ones', () => {
    const slower = confirmSlower(reading('x', 0.1, [0.08, 0.12]), [reading('x', 0.11, [0.09, 0.13]), reading('x', 0.09, [0.07, 0.11])], 0.1)
    const unsure = confirmSlower(reading('y', 0.053, [0.044, 0.062]), [reading('y', -0.004, [-0.01, 0.002], 'unchanged')], 0.1)
    const alone = confirmSlower(reading('z', 0.06, [0.04, 0.08]), [], 0.1)
    expect(abComparisonProblems([slower, unsure, alone])).toEqual([])
  })

  test('a difference of one pair of processes that the next ones do not see: inconclusive, not-confirmed', () => {
    const c = confirmSlower(reading('x', 0.053, [0.044, 0.062]), [reading('x', -0.004, [-0.01, 0.002], 'unchanged')], 0.1)
    expect(c.status).toBe('inconclusive')
    expect(c.reason).toBe('not-confirmed')
    expect(abSentence(c)).toMatch(/is inconclusive: it read slower, \+5\.3% .*did not agree: \+5\.3% \[\+4\.4%, \+6\.2%\], then −0\.40% \[−1\.0%, \+0\.20%\]/)
  })

  test('every round above 0 but the mean below a third of the threshold: not confirmed; a round that met no partner is left out', () => {
    expect(confirmSlower(reading('x', 0.05, [0.04, 0.06]), [reading('x', 0.01, [0.005, 0.015], 'unchanged'), reading('x', 0.02, [0.01, 0.03], 'unchanged')], 0.1).status).toBe('inconclusive')
    const unmet = { ...reading('x', Number.NaN, [Number.NaN, Number.NaN], 'inconclusive'), pairs: 0 }
    expect(confirmSlower(reading('x', 0.06, [0.04, 0.08]), [unmet, reading('x', 0.07, [0.05, 0.09])], 0.1).status).toBe('slower')
  })

  test('no fresh pair of processes measured it again (its file failed or was killed there): it stays slower, saying it was not confirmed', () => {
    // A 4x slowdown whose file fails in the fresh processes must not become a pass.
    const unmet = { ...reading('x', Number.NaN, [Number.NaN, Number.NaN], 'inconclusive'), pairs: 0 }
    for (const again of [[], [unmet]]) {
      const c = confirmSlower(reading('x', 0.3, [0.25, 0.35]), again, 0.1)
      expect(c.status).toBe('slower')
      expect(c.rounds).toHaveLength(1)
      expect(abSentence(c)).toMatch(/is slower on head: \+30% .*; not confirmed: fresh processes could not measure it again \(its file failed or was stopped there, its test did not run there, or the sides did not meet\)/)
    }
  })

  test('one fresh round confirms by its own interval above 0 and a change of at least a third of the threshold', () => {
    expect(confirmSlower(reading('x', 0.04, [0.01, 0.2]), [reading('x', 0.05, [0.005, 0.15])], 0.1).status).toBe('slower')
    expect(confirmSlower(reading('x', 0.04, [0.01, 0.2]), [reading('x', 0.03, [0.005, 0.15])], 0.1).status).toBe('inconclusive')
    expect(confirmSlower(reading('x', 0.04, [0.01, 0.2]), [reading('x', 0.05, [-0.005, 0.15], 'unchanged')], 0.1).status).toBe('inconclusive')
  })

  test('the fresh rounds must agree: their spread is what a difference between processes is made of', () => {
    // A change of about 5 % that every pair of processes repeats.
    const steady = [0.046, 0.055, 0.041, 0.05].map((x) => reading('x', x, [x - 0.03, x + 0.03], 'unchanged'))
    expect(freshRoundsAgree(steady.map(roundOf), 0.1)).toBe(true)
    // The same mean from processes that differ by several percent, each read with a narrow
    // interval: the bound reaches below 0.
    const spread = [0.09, 0.005, 0.08, 0.01].map((x) => reading('x', x, [x - 0.004, x + 0.004], x > 0.032 ? 'slower' : 'unchanged'))
    expect(freshRoundsAgree(spread.map(roundOf), 0.1)).toBe(false)
    const c = confirmSlower(reading('x', 0.06, [0.01, 0.09]), spread, 0.1)
    expect(c.status).toBe('inconclusive')
    expect(c.rounds).toHaveLength(5)
    expect(freshRoundsAgree([], 0.1)).toBe(false)
  })

  test('the rounds must show the change above a margin of about 1 %, not just above 0', () => {
    expect(confirmMargin(0.1)).toBeCloseTo(0.00958, 4)
    // Mean +3.9 %, one-sided 95 % bound about +0.75 %: above 0, below the margin.
    const low = [0.065, 0.002, 0.05, 0.04].map((x) => roundOf(reading('x', x, [x - 0.01, x + 0.01])))
    expect(freshRoundsAgree(low, 0.1)).toBe(false)
    // Tighter about the same mean: above the margin.
    expect(freshRoundsAgree([0.045, 0.03, 0.042, 0.04].map((x) => roundOf(reading('x', x, [x - 0.01, x + 0.01]))), 0.1)).toBe(true)
    // Agreeing closely on +3.3 % (just above a third of the threshold): a change.
    expect(freshRoundsAgree([0.0331, 0.0332, 0.0333].map((x) => roundOf(reading('x', x, [x - 0.01, x + 0.01]))), 0.1)).toBe(true)
  })

  test('the first reading is not counted: it was chosen for reading high', () => {
    // Fresh rounds agree closely on +2.6 %, below a third of the threshold: not confirmed; with the
    // first reading (+6 %) counted, the mean would reach +3.3 % and be confirmed.
    const fresh = [0.025, 0.028, 0.026, 0.027].map((x) => reading('x', x, [x - 0.005, x + 0.005], 'unchanged'))
    expect(confirmSlower(reading('x', 0.06, [0.02, 0.1]), fresh, 0.1).status).toBe('inconclusive')
    expect(freshRoundsAgree([roundOf(reading('x', 0.06, [0.02, 0.1])), ...fresh.map(roundOf)], 0.1)).toBe(true)
  })

  test('stillSuspect: while every fresh reading lies above 0', () => {
    expect(stillSuspect(reading('x', 0.1, [0.08, 0.12]), [reading('x', 0.1, [0.02, 0.2])], 0.1)).toBe(true)
    expect(stillSuspect(reading('x', 0.1, [0.08, 0.12]), [reading('x', 0.01, [-0.02, 0.04], 'unchanged')], 0.1)).toBe(true)
    expect(stillSuspect(reading('x', 0.1, [0.08, 0.12]), [reading('x', -0.002, [-0.02, 0.02], 'unchanged')], 0.1)).toBe(false)
    expect(stillSuspect(reading('x', 0.01, [-0.01, 0.03], 'unchanged'), [], 0.1)).toBe(false)
  })

  test('stillSuspect: three fresh rounds that agree at 99 % end it early; rounds that agree less, or fewer rounds, go on', () => {
    const first = reading('x', 0.1, [0.08, 0.12])
    const rounds = (...changes: number[]) => changes.map((x) => reading('x', x, [x - 0.04, x + 0.04]))
    expect(stillSuspect(first, rounds(0.1, 0.105, 0.096), 0.1)).toBe(false)
    expect(confirmSlower(first, rounds(0.1, 0.105, 0.096), 0.1).status).toBe('slower')
    expect(stillSuspect(first, rounds(0.1, 0.105), 0.1)).toBe(true)
    // +13 %, +12 %, +3.6 %: the mean is well above, the spread too wide for 99 % on three rounds.
    expect(stillSuspect(first, rounds(0.13, 0.12, 0.036), 0.1)).toBe(true)
    // Agreeing on a change below the smallest that reads slower (+4.9 % at 10 %) is no early confirmation.
    expect(stillSuspect(first, rounds(0.03, 0.031, 0.032), 0.1)).toBe(true)
    // A bench's own threshold: the same rounds agree on less than its +9.5 % (T = 20 %).
    expect(stillSuspect(first, rounds(0.06, 0.061, 0.062), 0.2)).toBe(true)
    expect(stillSuspect(first, rounds(0.06, 0.061, 0.062), 0.1)).toBe(false)
  })
})

describe('confirmInFreshProcesses', () => {
  const plan: FilePlan[] = [
    { file: 'a.test.ts', sides: ['base', 'head'] },
    { file: 'b.test.ts', sides: ['base', 'head'] },
    { file: 'c.test.ts', sides: ['head'] },
  ]

  test("runs again only the suspects' files, stops a suspect at its first reading at 0 or below, and decides each", async () => {
    const ran: string[][] = []
    const readings: Record<string, number[]> = { real: [0.1, 0.1], process: [0.0, 0.09] }
    const first = [reading('real', 0.1, [0.08, 0.12]), reading('process', 0.06, [0.05, 0.07], 'slower', 'b.test.ts'), reading('same', 0, [-0.01, 0.01], 'unchanged', 'b.test.ts')]
    const result = await confirmInFreshProcesses({
      comparisons: first,
      plan,
      confirm: 2,
      runAgain: async (files) => {
        ran.push(files.map((f) => f.file))
        return first.map((c) => {
          const change = readings[c.name]?.shift() ?? 0
          return reading(c.name, change, [change - 0.02, change + 0.02], change > 0.05 ? 'slower' : 'unchanged', c.file)
        })
      },
    })
    expect(ran).toEqual([['a.test.ts', 'b.test.ts'], ['a.test.ts']])
    expect(result.map((c) => c.status)).toEqual(['slower', 'inconclusive', 'unchanged'])
    expect(result[0]!.rounds).toHaveLength(3)
    expect(result[1]!.rounds).toHaveLength(2)
    expect(result[2]).toBe(first[2])
  })

  test('a suspect whose first three fresh rounds agree beyond doubt is not measured a fourth time; one whose rounds spread is', async () => {
    const ran: string[][] = []
    const readings: Record<string, number[]> = { plain: [0.1, 0.105, 0.096, 0.1], spread: [0.13, 0.12, 0.036, 0.11] }
    const first = [reading('plain', 0.1, [0.08, 0.12]), reading('spread', 0.13, [0.05, 0.22], 'slower', 'b.test.ts')]
    const result = await confirmInFreshProcesses({
      comparisons: first,
      plan,
      confirm: 4,
      runAgain: async (files) => {
        ran.push(files.map((f) => f.file))
        return first.filter((c) => files.some((f) => f.file === c.file)).map((c) => {
          const change = readings[c.name]!.shift()!
          return reading(c.name, change, [change - 0.04, change + 0.04], 'slower', c.file)
        })
      },
    })
    expect(ran).toEqual([['a.test.ts', 'b.test.ts'], ['a.test.ts', 'b.test.ts'], ['a.test.ts', 'b.test.ts'], ['b.test.ts']])
    expect(result.map((c) => c.status)).toEqual(['slower', 'slower'])
    expect(result.map((c) => c.rounds?.length)).toEqual([4, 5])
    expect(abComparisonProblems(result)).toEqual([])
  })

  test('a round that did not measure a suspect is replaced, at most twice; one that no round measured stops after --confirm', async () => {
    const ran: string[][] = []
    // a: measured in rounds 2 and 4 only (its partner missed rounds 1 and 3); b: never measured.
    const measured: Record<number, boolean> = { 2: true, 4: true, 5: true, 6: true }
    let round = 0
    const first = [reading('a', 0.1, [0.08, 0.12]), reading('b', 0.1, [0.08, 0.12], 'slower', 'b.test.ts')]
    const result = await confirmInFreshProcesses({
      comparisons: first,
      plan,
      confirm: 3,
      runAgain: async (files) => {
        ran.push(files.map((f) => f.file))
        round++
        return measured[round] && files.some((f) => f.file === 'a.test.ts') ? [reading('a', 0.1, [0.08, 0.12])] : []
      },
    })
    // b stops after 3 rounds with no reading; a gets its third reading in round 5.
    expect(ran).toEqual([['a.test.ts', 'b.test.ts'], ['a.test.ts', 'b.test.ts'], ['a.test.ts', 'b.test.ts'], ['a.test.ts'], ['a.test.ts']])
    expect(result[0]!.rounds).toHaveLength(4)
    expect(result[0]!.status).toBe('slower')
    expect(result[1]!.rounds).toHaveLength(1)
    expect(result[1]!.status).toBe('slower')
  })

  test('each round keeps its sides\' figures (probe 27 #1: a reader can see what each pair of processes measured)', async () => {
    const first = { ...reading('sum', 1, [0.6, 1.7]), base: { typicalNs: 27_700, n: 16 }, head: { typicalNs: 55_400, n: 16 } }
    const again = { ...reading('sum', 1, [0.9, 1.1]), base: { typicalNs: 27_500, n: 16 }, head: { typicalNs: 55_000, n: 16 } }
    const result = await confirmInFreshProcesses({ comparisons: [first], plan, confirm: 2, runAgain: async () => [again] })
    expect(result[0]!.status).toBe('slower')
    expect(result[0]!.rounds?.map((r) => r.typicalNs)).toEqual([{ base: 27_700, head: 55_400 }, { base: 27_500, head: 55_000 }, { base: 27_500, head: 55_000 }])
    expect(abComparisonProblems(result)).toEqual([])
  })

  test('confirm 0, or no suspect (one slower that is not gated, baseline: false, is none): nothing runs again', async () => {
    const runAgain = async () => {
      throw new Error('ran again')
    }
    const slower = [reading('x', 0.2, [0.1, 0.3])]
    expect(await confirmInFreshProcesses({ comparisons: slower, plan, confirm: 0, runAgain })).toEqual(slower)
    expect(await confirmInFreshProcesses({ comparisons: [reading('x', 0, [-0.01, 0.01], 'unchanged')], plan, confirm: 2, runAgain })).toHaveLength(1)
    const ungated = [{ ...reading('x', 0.2, [0.1, 0.3]), gated: false as const }]
    expect(await confirmInFreshProcesses({ comparisons: ungated, plan, confirm: 2, runAgain })).toEqual(ungated)
  })

  test('a suspect whose file is not one both sides ran is not run again, and keeps its verdict: never made a pass for it', async () => {
    const c = reading('new', 0.2, [0.1, 0.3], 'slower', 'c.test.ts')
    const lost = reading('lost', 3, [2.9, 3.1], 'slower', 'not/in/the/plan.test.ts')
    const ran: string[][] = []
    const result = await confirmInFreshProcesses({ comparisons: [c, lost], plan, confirm: 2, runAgain: async (files) => (ran.push(files.map((f) => f.file)), []) })
    expect(ran).toEqual([])
    expect(result).toEqual([c, lost])
  })

  test('firstRoundFile: the file the first round would begin with, for the comparisons so far (its runners start early)', async () => {
    const inB = reading('y', 0.2, [0.1, 0.3], 'slower', 'b.test.ts')
    const inA = reading('x', 0.2, [0.1, 0.3], 'slower', 'a.test.ts')
    expect(firstRoundFile([inB, inA], plan, 4)?.file).toBe('a.test.ts')
    expect(firstRoundFile([inB], plan, 4)?.file).toBe('b.test.ts')
    expect(firstRoundFile([reading('z', 0.2, [0.1, 0.3], 'slower', 'c.test.ts'), reading('u', 0, [-0.01, 0.01], 'unchanged')], plan, 4)).toBeUndefined()
    expect(firstRoundFile([inA], plan, 0)).toBeUndefined()
    // The same file the first round runs.
    const ran: string[][] = []
    await confirmInFreshProcesses({ comparisons: [inB, inA], plan, confirm: 1, runAgain: async (files) => (ran.push(files.map((f) => f.file)), []) })
    expect(ran[0]![0]).toBe(firstRoundFile([inB, inA], plan, 1)?.file)
  })
})
