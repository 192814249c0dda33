import { describe, expect, test } from 'vitest'
import { normal, seededRandom } from '../src/analyse/random'
import { Turns, type Outgoing, type TurnsOptions } from '../src/ab/turns'
import type { ReadyMessage } from '../src/ab/protocol'
import type { AbProgress, AbSide } from '../src/model/ab'
import { abSentence, abStatusLabel, progressText } from '../src/report/ab-text'

const BASE = 1
const HEAD = 2
const connOf = (side: AbSide) => (side === 'base' ? BASE : HEAD)
const sideOf = (conn: number): AbSide => (conn === BASE ? 'base' : 'head')

function ready(id: string, extra: Partial<ReadyMessage> = {}): ReadyMessage {
  return { t: 'ready', id, file: 'a.test.ts', titles: ['t'], name: id, ...extra }
}

function turns(options: Partial<TurnsOptions> = {}, seed = 1): Turns {
  return new Turns({ gate: { metric: 'typical', threshold: 0.1, confidence: 0.95 }, benchmarks: 1, timeCapMs: 60_000, partnerWaitMs: 30_000, blockMs: 30, random: seededRandom(seed), ...options })
}

/**
 * Plays both sides: answers every `turn` with a block whose typical call is `figure(side)` ns,
 * advancing the fake clock by the block's 30 ms, until no turn is outstanding. Checks that only
 * one side ever has a turn at a time. Returns what else was sent, and each pair's order.
 */
function play(t: Turns, start: Outgoing[], clock: { now: number }, figure: (side: AbSide) => number, limit = 100_000, p95?: (side: AbSide) => number) {
  const queue = [...start]
  const other: Outgoing[] = []
  const firsts: AbSide[] = []
  let blocks = 0
  while (queue.length > 0 && blocks < limit) {
    const out = queue.shift()!
    if (out.message.t !== 'turn') {
      other.push(out)
      continue
    }
    expect(queue.filter((o) => o.message.t === 'turn')).toEqual([])
    if (blocks % 2 === 0) firsts.push(sideOf(out.conn))
    blocks++
    clock.now += 30
    const side = sideOf(out.conn)
    queue.push(...t.block(out.conn, { t: 'block', id: out.message.id, ops: 1000, ns: 30e6, typicalNs: figure(side), ...(p95 && { figures: { p95: p95(side) } }) }, clock.now))
  }
  return { other, firsts, blocks }
}

function noisy(seed: number, change: number): (side: AbSide) => number {
  const random = seededRandom(seed)
  return (side) => 1000 * (side === 'head' ? 1 + change : 1) * Math.exp(0.03 * normal(random))
}

describe('pairing and turns', () => {
  test('probe 44 #5: a retry of a benchmark one side measured already leaves no verdict from the failed attempt: one comparison says it was retried, and gates the run as not decided', async () => {
    const { abExitCode } = await import('../src/compare/ab-outcome')
    const clock = { now: 0 }
    const seen: AbProgress[] = []
    const t = turns({ onProgress: (p) => seen.push(p) })
    t.fileStarted(0, 'a.test.ts')
    t.ready(BASE, 'base', ready('x'), 0)
    play(t, t.ready(HEAD, 'head', ready('x'), 0), clock, noisy(5, 0))
    expect(t.results()).toMatchObject([{ id: 'x', status: 'unchanged' }])
    // Head's first attempt failed after measuring; its retry is the test's result, with no partner.
    const out = t.ready(HEAD, 'head', ready('x', { retries: 1 }), clock.now)
    expect(out).toEqual([{ conn: HEAD, message: { t: 'alone', id: 'x', reason: 'partner-elsewhere' } }])
    t.end(HEAD, { t: 'end', id: 'x', reason: 'done', typicalNs: 10_000 }, clock.now)
    const results = t.results()
    expect(results).toMatchObject([{ id: 'x', status: 'inconclusive', reason: 'retried', side: 'head', pairs: 0 }])
    expect(results).toHaveLength(1)
    expect(abExitCode({ comparisons: results, failures: [] })).toBe(2)
    expect(abSentence(results[0]!)).toContain('retried')
    // Probe 47 #4: the live line said of the failed attempt's pairs is taken back.
    expect(progressText(seen.at(-1)!)).toMatch(/: 0 pairs, inconclusive: its test was retried, so what an earlier attempt read is no verdict$/)
    // Probe 45 #1: base retries it too: the comparison stays, once.
    t.ready(BASE, 'base', ready('x', { retries: 1 }), clock.now)
    t.end(BASE, { t: 'end', id: 'x', reason: 'done', typicalNs: 10_000 }, clock.now)
    expect(t.results()).toMatchObject([{ id: 'x', status: 'inconclusive', reason: 'retried' }])
    // Probe 46 #3: both sides retried: no one side is named.
    expect(t.results()[0]!.side).toBeUndefined()
    expect(abSentence(t.results()[0]!)).toContain('retried on both sides')
    // A first attempt that failed before its benchmark: the retry is the first measurement, and pairs.
    t.ready(BASE, 'base', ready('y'), clock.now)
    play(t, t.ready(HEAD, 'head', ready('y', { retries: 1 }), clock.now), clock, noisy(6, 0))
    expect(t.results()[1]).toMatchObject({ id: 'y', status: 'unchanged' })
  })

  test("a benchmark is filed under the test file as perfspec ab names it, not as the runner's root does", () => {
    // Jest's rootDir, a Vitest project's root: the worker's file is relative to another folder.
    const clock = { now: 0 }
    const t = turns()
    t.fileStarted(0, 'src/a.test.ts')
    t.ready(BASE, 'base', ready('x'), 0)
    play(t, t.ready(HEAD, 'head', ready('x'), 0), clock, noisy(2, 0))
    expect(t.results()[0]).toMatchObject({ id: 'x', file: 'src/a.test.ts' })
    // Another file's benchmark (a runner that ran more than the one file) keeps its own name.
    t.ready(BASE, 'base', ready('y', { file: 'x/a.test.ts' }), clock.now)
    play(t, t.ready(HEAD, 'head', ready('y', { file: 'x/a.test.ts' }), clock.now), clock, noisy(3, 0))
    expect(t.results()[1]).toMatchObject({ id: 'y', file: 'x/a.test.ts' })
  })

  test("a comparison's test reads as ids write it: describe 'a' with test 'b' apart from a test 'a > b'; control characters and other spaces escaped; the raw titles kept for the name filter", () => {
    const clock = { now: 0 }
    const t = turns({ benchmarks: 3 })
    const cases: Array<[string, string[]]> = [['x', ['a', 'b']], ['y', ['a > b']], ['z', ['t\tu\n::error::p\u00a0q']]]
    for (const [id, titles] of cases) {
      t.ready(BASE, 'base', ready(id, { titles }), clock.now)
      play(t, t.ready(HEAD, 'head', ready(id, { titles }), clock.now), clock, noisy(4, 0))
    }
    expect(t.results().map((c) => [c.test, c.titles])).toEqual([
      ['a > b', ['a', 'b']],
      ['a \\> b', ['a > b']],
      ['t\\tu\\n::error::p\\u00a0q', ['t\tu\n::error::p\u00a0q']],
    ])
  })

  test('A/A: the two sides alternate one block at a time, in a random order per pair, and end unchanged', () => {
    const clock = { now: 0 }
    const t = turns()
    expect(t.ready(BASE, 'base', ready('x'), 0)).toEqual([])
    const { other, firsts, blocks } = play(t, t.ready(HEAD, 'head', ready('x'), 0), clock, noisy(1, 0))
    expect(other).toEqual([
      { conn: BASE, message: { t: 'stop', id: 'x' } },
      { conn: HEAD, message: { t: 'stop', id: 'x' } },
    ])
    expect(blocks % 2).toBe(0)
    expect(firsts.filter((s) => s === 'base').length).toBeGreaterThan(0)
    expect(firsts.filter((s) => s === 'head').length).toBeGreaterThan(0)
    const [c] = t.results()
    expect(c).toMatchObject({ id: 'x', status: 'unchanged', pairs: blocks / 2, base: { n: blocks / 2 }, head: { n: blocks / 2 }, metric: 'typical', threshold: 0.1 })
    expect(c!.interval[0]).toBeGreaterThan(-0.1)
    expect(c!.interval[1]).toBeLessThan(0.1)
    expect(c!.needs).toBeUndefined()
    expect(t.nextDeadline()).toBeUndefined()
  })

  test('+10 %: slower, with base and head figures of their own blocks', () => {
    const clock = { now: 0 }
    const t = turns()
    t.ready(HEAD, 'head', ready('x'), 0)
    play(t, t.ready(BASE, 'base', ready('x'), 0), clock, noisy(2, 0.1))
    const [c] = t.results()
    expect(c!.status).toBe('slower')
    expect(c!.change).toBeGreaterThan(0.05)
    expect(c!.interval[0]).toBeGreaterThan(0)
    expect(c!.head.typicalNs / c!.base.typicalNs).toBeGreaterThan(1.05)
  })

  test('progress after every pair of blocks, then the verdict', () => {
    const seen: AbProgress[] = []
    const clock = { now: 0 }
    const t = turns({ onProgress: (p) => seen.push(p) })
    t.ready(BASE, 'base', ready('x'), 0)
    const { blocks } = play(t, t.ready(HEAD, 'head', ready('x'), 0), clock, noisy(3, 0))
    expect(seen.length).toBe(blocks / 2)
    expect(seen.slice(0, -1).every((p) => p.status === 'measuring')).toBe(true)
    expect(seen.map((p) => p.pairs)).toEqual(Array.from({ length: blocks / 2 }, (_, i) => i + 1))
    expect(seen.at(-1)).toMatchObject({ status: 'unchanged', id: 'x', file: 'a.test.ts' })
  })

  test('two benchmarks in turn: each paired, the second corrected for two', () => {
    const clock = { now: 0 }
    const t = turns()
    for (const id of ['x', 'y']) {
      t.ready(BASE, 'base', ready(id), clock.now)
      play(t, t.ready(HEAD, 'head', ready(id), clock.now), clock, noisy(4, id === 'y' ? 0.2 : 0))
      t.end(BASE, { t: 'end', id }, clock.now)
      t.end(HEAD, { t: 'end', id }, clock.now)
    }
    const [x, y] = t.results()
    expect([x!.status, y!.status]).toEqual(['unchanged', 'slower'])
    expect(y!.confidence).toBeGreaterThan(x!.confidence)
    expect(t.results()).toHaveLength(2)
  })

  test('the time cap: noise too large for a verdict ends inconclusive, saying what it would need', () => {
    const clock = { now: 0 }
    const t = turns({ timeCapMs: 3000 })
    t.ready(BASE, 'base', ready('x'), 0)
    const random = seededRandom(5)
    play(t, t.ready(HEAD, 'head', ready('x'), 0), clock, (side) => 1000 * (side === 'head' ? 1.05 : 1) * Math.exp(0.5 * normal(random)))
    const [c] = t.results()
    expect(c).toMatchObject({ status: 'inconclusive', reason: 'time-cap' })
    expect(c!.pairs).toBe(50)
    expect(c!.needs!.pairs).toBeGreaterThan(50)
    expect(c!.needs!.ms).toBeGreaterThan(3000)
  })

  test('a side with a test timeout: the pair ends before it', () => {
    const clock = { now: 0 }
    const t = turns()
    t.ready(BASE, 'base', ready('x', { budgetMs: 2000 }), 0)
    clock.now = 500
    const random = seededRandom(6)
    play(t, t.ready(HEAD, 'head', ready('x'), 500), clock, () => 1000 * Math.exp(0.5 * normal(random)))
    expect(clock.now).toBeLessThanOrEqual(2000 + 60)
    expect(t.results()[0]).toMatchObject({ status: 'inconclusive', reason: 'time-cap' })
  })
})

describe("a benchmark's own gate (its bench's baseline option), as the head side sends it", () => {
  test('baseline: false (or a test expected to fail): compared and reported, not gated, and spending none of the family-wise confidence', () => {
    const clock = { now: 0 }
    const seen: AbProgress[] = []
    const t = turns({ benchmarks: 1, onProgress: (p) => seen.push(p) })
    t.ready(BASE, 'base', ready('x'), 0)
    play(t, t.ready(HEAD, 'head', ready('x', { gate: false }), 0), clock, noisy(2, 0.2))
    t.ready(BASE, 'base', ready('y'), clock.now)
    play(t, t.ready(HEAD, 'head', ready('y'), clock.now), clock, noisy(3, 0.2))
    const [x, y] = t.results()
    expect(x).toMatchObject({ status: 'slower', gated: false })
    expect(y!.status).toBe('slower')
    expect(y!.gated).toBeUndefined()
    // y is corrected for one benchmark, as x was: x did not count.
    expect(y!.confidence).toBe(x!.confidence)
    expect(abStatusLabel(x!)).toBe('slower (not gated)')
    expect(abSentence(x!)).toContain('; not gated (its bench sets baseline: false, or its test is expected to fail), so it does not fail the run')
    expect(abStatusLabel(y!)).toBe('SLOWER')
    expect(seen.filter((p) => p.status === 'slower').map(progressText)).toEqual([expect.stringMatching(/, slower \(not gated\)$/), expect.stringMatching(/, SLOWER$/)])
    // Measured alone: still not gated.
    const alone = turns()
    alone.fileStarted(0, 'a.test.ts')
    alone.ready(HEAD, 'head', ready('z', { gate: false }), 0)
    alone.sideEnded('base', 0)
    alone.end(HEAD, { t: 'end', id: 'z', typicalNs: 100 }, 0)
    expect(alone.results()[0]).toMatchObject({ status: 'alone', gated: false })
  })

  test("baseline: { threshold }: judged by its own threshold; { metric }: by that figure of each block; the base side's setting does not decide", () => {
    const clock = { now: 0 }
    const t = turns({ benchmarks: 3 })
    // +5 %: slower at the run's 10 %, unchanged within its own ±30 %.
    t.ready(BASE, 'base', ready('own', { gate: false }), 0)
    play(t, t.ready(HEAD, 'head', ready('own', { gate: { threshold: 0.3 } }), 0), clock, noisy(7, 0.05))
    t.ready(BASE, 'base', ready('run'), clock.now)
    play(t, t.ready(HEAD, 'head', ready('run'), clock.now), clock, noisy(7, 0.05))
    // The typical call unchanged, the p95 of each block 20 % up: slower by p95.
    const random = seededRandom(8)
    t.ready(BASE, 'base', ready('tail'), clock.now)
    play(t, t.ready(HEAD, 'head', ready('tail', { gate: { metric: 'p95' } }), clock.now), clock, () => 1000 * Math.exp(0.03 * normal(random)), 100_000, (side) => 2000 * (side === 'head' ? 1.2 : 1) * Math.exp(0.03 * normal(random)))
    const [own, run, tail] = t.results()
    expect(own).toMatchObject({ status: 'unchanged', threshold: 0.3, metric: 'typical' })
    expect(own!.gated).toBeUndefined()
    expect(run).toMatchObject({ status: 'slower', threshold: 0.1 })
    expect(tail).toMatchObject({ status: 'slower', metric: 'p95', threshold: 0.1 })
    expect(tail!.base.typicalNs).toBeGreaterThan(1500)
    expect(abSentence(tail!)).toContain('(p95, threshold 10%)')
    // Probe 40 #3: its figures are the blocks' p95, named so.
    expect(abSentence(tail!)).toMatch(/, p95 [\d.]+[µn]s → [\d.]+[µn]s/)
    expect(abSentence(tail!)).not.toContain('typical call')
  })
})

describe('no partner, and partners that go', () => {
  test('one side never arrives: its partner waits partnerWaitMs, then measures alone and is recorded alone', () => {
    const t = turns({ partnerWaitMs: 1000 })
    expect(t.ready(BASE, 'base', ready('x'), 100)).toEqual([])
    expect(t.nextDeadline()).toBe(1100)
    expect(t.tick(1099)).toEqual([])
    expect(t.tick(1100)).toEqual([{ conn: BASE, message: { t: 'alone', id: 'x', reason: 'partner-timeout' } }])
    expect(t.nextDeadline()).toBeUndefined()
    t.end(BASE, { t: 'end', id: 'x', typicalNs: 1234 }, 2000)
    expect(t.results()).toEqual([
      expect.objectContaining({ id: 'x', status: 'alone', side: 'base', reason: 'partner-timeout', pairs: 0, base: { typicalNs: 1234, n: 0 }, head: { typicalNs: Number.NaN, n: 0 } }),
    ])
  })

  test('the partner reaches it later: it goes alone too, at once (the partner went past it)', () => {
    const t = turns({ partnerWaitMs: 1000 })
    t.ready(BASE, 'base', ready('x'), 0)
    t.tick(1000)
    expect(t.ready(HEAD, 'head', ready('x'), 1500)).toEqual([{ conn: HEAD, message: { t: 'alone', id: 'x', reason: 'partner-elsewhere' } }])
  })

  test('mismatched order: the side that waited measures alone, the newcomer waits and is paired next', () => {
    const t = turns()
    // head has a benchmark "new" that base lacks, and reaches "x" after it.
    t.ready(BASE, 'base', ready('x'), 0)
    expect(t.ready(HEAD, 'head', ready('new'), 10)).toEqual([{ conn: BASE, message: { t: 'alone', id: 'x', reason: 'partner-elsewhere' } }])
    t.end(BASE, { t: 'end', id: 'x', typicalNs: 1 }, 20)
    const out = t.ready(BASE, 'base', ready('y'), 30)
    expect(out).toEqual([{ conn: HEAD, message: { t: 'alone', id: 'new', reason: 'partner-elsewhere' } }])
    t.end(HEAD, { t: 'end', id: 'new', typicalNs: 1 }, 40)
    expect(t.ready(HEAD, 'head', ready('x'), 50)).toEqual([{ conn: HEAD, message: { t: 'alone', id: 'x', reason: 'partner-elsewhere' } }])
    t.end(HEAD, { t: 'end', id: 'x', typicalNs: 1 }, 60)
    const paired = t.ready(HEAD, 'head', ready('y'), 70)
    expect(paired).toHaveLength(1)
    expect(paired[0]!.message).toMatchObject({ t: 'turn', id: 'y', ms: 30 })
    expect(t.results().map((c) => [c.id, c.status, c.side])).toEqual([['x', 'alone', 'base'], ['new', 'alone', 'head'], ['x', 'alone', 'head']])
    // "new", which base was never ready on, is head's only; "x", which both had, did not meet.
    expect(t.results().map((c) => c.reason)).toEqual(['partner-elsewhere', 'partner-ended', 'partner-elsewhere'])
  })

  test('a round in fresh processes ends at its look at FRESH_ROUND_PAIRS, decided or not: one reading of several; the run\'s own pass goes on', async () => {
    const { FRESH_ROUND_PAIRS } = await import('../src/compare/ab-confirmation')
    // Noise too large for a verdict at any look (as in the time cap's test), and no time cap near.
    const wide = (seed: number) => {
      const random = seededRandom(seed)
      return (side: AbSide) => 1000 * (side === 'head' ? 1.05 : 1) * Math.exp(0.5 * normal(random))
    }
    const own = turns()
    own.ready(BASE, 'base', ready('x'), 0)
    play(own, own.ready(HEAD, 'head', ready('x'), 0), { now: 0 }, wide(5))
    expect(own.results()[0]!.pairs).toBeGreaterThan(FRESH_ROUND_PAIRS)
    const fresh = turns()
    fresh.pairOnly(new Set(['x']))
    fresh.ready(BASE, 'base', ready('x'), 0)
    play(fresh, fresh.ready(HEAD, 'head', ready('x'), 0), { now: 0 }, wide(5))
    const [c] = fresh.results()
    expect(c).toMatchObject({ status: 'inconclusive', reason: 'look-cap', pairs: FRESH_ROUND_PAIRS })
    // Still a reading: its change and interval are what the confirmation uses.
    expect(Number.isFinite(c!.change) && Number.isFinite(c!.interval[0])).toBe(true)
  })

  test('a round that pairs only its suspects: every other benchmark of the file measures alone at once (probe 28 #1: rounds run whole files)', () => {
    const t = turns()
    t.fileStarted(0, 'a.test.ts')
    t.pairOnly(new Set(['suspect']))
    expect(t.ready(BASE, 'base', ready('load'), 0)).toEqual([{ conn: BASE, message: { t: 'alone', id: 'load', reason: 'partner-elsewhere' } }])
    expect(t.ready(HEAD, 'head', ready('load'), 1)).toEqual([{ conn: HEAD, message: { t: 'alone', id: 'load', reason: 'partner-elsewhere' } }])
    t.end(BASE, { t: 'end', id: 'load', typicalNs: 5 }, 2)
    t.end(HEAD, { t: 'end', id: 'load', typicalNs: 5 }, 3)
    expect(t.ready(BASE, 'base', ready('suspect'), 4)).toEqual([])
    const paired = t.ready(HEAD, 'head', ready('suspect'), 5)
    expect(paired[0]!.message).toMatchObject({ t: 'turn', id: 'suspect' })
    // Back to pairing every benchmark.
    t.pairOnly(undefined)
    t.fileStarted(10, 'b.test.ts')
    expect(t.ready(BASE, 'base', ready('other'), 11)).toEqual([])
  })

  test('labels from what both sides were ready on: a removed test before a benchmark, a renamed one (probe 27 #2)', () => {
    // Base runs y then v; head lost y's test and reaches v first.
    const t = turns()
    t.fileStarted(0, 'a.test.ts')
    t.ready(HEAD, 'head', ready('v'), 0)
    expect(t.ready(BASE, 'base', ready('y'), 10)).toEqual([{ conn: HEAD, message: { t: 'alone', id: 'v', reason: 'partner-elsewhere' } }])
    t.end(HEAD, { t: 'end', id: 'v', typicalNs: 54 }, 20)
    expect(t.sideEnded('head', 30)).toEqual([{ conn: BASE, message: { t: 'alone', id: 'y', reason: 'partner-ended' } }])
    t.end(BASE, { t: 'end', id: 'y', typicalNs: 27 }, 40)
    // Head ended, but it had v: both had it and did not meet, not removed.
    expect(t.ready(BASE, 'base', ready('v'), 50)).toEqual([{ conn: BASE, message: { t: 'alone', id: 'v', reason: 'partner-elsewhere' } }])
    t.end(BASE, { t: 'end', id: 'v', typicalNs: 27 }, 60)
    const results = t.results()
    expect(results.map((c) => [c.id, c.side, c.reason])).toEqual([['v', 'head', 'partner-elsewhere'], ['y', 'base', 'partner-ended'], ['v', 'base', 'partner-elsewhere']])
    expect(results.map((c) => abStatusLabel(c))).toEqual(['alone (head)', 'removed', 'alone (base)'])
    // Each line of v gives the other side's figure: a slowdown there is not hidden.
    expect(abSentence(results[0]!, [], results)).toMatch(/"t › v" was measured alone on head, typical call 54\.0ns: both sides have it, but they did not meet on it: .*; base measured it alone too, typical call 27\.0ns \(head \+100%\), not in turns, so not compared$/)
    // A rename: y on base, y2 on head; neither side was ever ready on the other's.
    const r = turns()
    r.fileStarted(0, 'a.test.ts')
    r.ready(HEAD, 'head', ready('y2'), 0)
    r.ready(BASE, 'base', ready('y'), 10)
    r.end(HEAD, { t: 'end', id: 'y2', typicalNs: 27 }, 20)
    r.sideEnded('head', 30)
    r.end(BASE, { t: 'end', id: 'y', typicalNs: 27 }, 40)
    expect(r.results().map((c) => abStatusLabel(c))).toEqual(['new', 'removed'])
  })

  test('the partner process ended (or the file is on one side only): waits end at once, later readies go alone at once', () => {
    const t = turns()
    t.ready(HEAD, 'head', ready('x'), 0)
    expect(t.sideEnded('base', 5)).toEqual([{ conn: HEAD, message: { t: 'alone', id: 'x', reason: 'partner-ended' } }])
    t.end(HEAD, { t: 'end', id: 'x', typicalNs: 10 }, 6)
    expect(t.ready(HEAD, 'head', ready('y'), 7)).toEqual([{ conn: HEAD, message: { t: 'alone', id: 'y', reason: 'partner-ended' } }])
    // The next file starts with both sides back.
    t.fileStarted(8)
    expect(t.ready(BASE, 'base', ready('z'), 9)).toEqual([])
  })

  test("an alone benchmark's end that arrives after its process's exit is still recorded", () => {
    const t = turns()
    t.sideEnded('base', 0)
    t.ready(HEAD, 'head', ready('x'), 1)
    t.sideEnded('head', 2)
    t.end(HEAD, { t: 'end', id: 'x', typicalNs: 5 }, 3)
    expect(t.results()).toEqual([expect.objectContaining({ id: 'x', status: 'alone', side: 'head', reason: 'partner-ended' })])
  })

  test('a side that dies mid-pair: its partner measures alone, the pairs so far are compared', () => {
    const clock = { now: 0 }
    const t = turns()
    t.ready(BASE, 'base', ready('x'), 0)
    play(t, t.ready(HEAD, 'head', ready('x'), 0), clock, noisy(7, 0), 9)
    // Nine blocks: head or base owes the tenth; base's process exits.
    const out = t.sideEnded('base', clock.now)
    expect(out).toEqual([{ conn: HEAD, message: { t: 'alone', id: 'x', reason: 'partner-failed' } }])
    const [c] = t.results()
    expect(c).toMatchObject({ id: 'x', status: 'inconclusive', reason: 'partner-failed', pairs: 4 })
    expect(c!.needs!.pairs).toBeGreaterThan(4)
    // What head then measures alone is not recorded a second time.
    t.end(HEAD, { t: 'end', id: 'x', typicalNs: 1 }, clock.now)
    expect(t.results()).toHaveLength(1)
    expect(t.nextDeadline()).toBeUndefined()
  })

  test('a benchmark that throws mid-pair, or a closed connection: the partner measures alone', () => {
    for (const fail of ['end', 'close'] as const) {
      const clock = { now: 0 }
      const t = turns()
      t.ready(BASE, 'base', ready('x'), 0)
      play(t, t.ready(HEAD, 'head', ready('x'), 0), clock, noisy(8, 0), 10)
      const out = fail === 'end' ? t.end(HEAD, { t: 'end', id: 'x', reason: 'error' }, clock.now) : t.connectionClosed(HEAD, clock.now)
      expect(out).toEqual([{ conn: BASE, message: { t: 'alone', id: 'x', reason: 'partner-failed' } }])
      expect(t.results()[0]).toMatchObject({ pairs: 5, status: 'inconclusive', reason: 'partner-failed' })
    }
  })

  test('a side that never answers its turn: after the cap and a partner wait, its partner measures alone', () => {
    const t = turns({ timeCapMs: 1000, partnerWaitMs: 500 })
    t.ready(BASE, 'base', ready('x'), 0)
    const [first] = t.ready(HEAD, 'head', ready('x'), 0)
    expect(first!.message.t).toBe('turn')
    expect(t.nextDeadline()).toBe(1500)
    expect(t.tick(1499)).toEqual([])
    const silent = first!.conn
    const partner = silent === BASE ? HEAD : BASE
    // The late side is told to stop too, should it still be there: it would otherwise wait for a turn until its test times out.
    const out = t.tick(1500)
    expect(out).toHaveLength(2)
    expect(out).toEqual(expect.arrayContaining([{ conn: partner, message: { t: 'alone', id: 'x', reason: 'partner-timeout' } }, { conn: silent, message: { t: 'stop', id: 'x' } }]))
    expect(t.results()[0]).toMatchObject({ status: 'inconclusive', reason: 'partner-timeout', pairs: 0 })
    expect(t.nextDeadline()).toBeUndefined()
  })

  test('a second benchmark of one process while the first measures (concurrent tests): alone, busy', () => {
    const t = turns()
    t.ready(BASE, 'base', ready('x'), 0)
    expect(t.ready(BASE, 'base', ready('y'), 1)).toEqual([{ conn: BASE, message: { t: 'alone', id: 'y', reason: 'busy' } }])
  })

  test('a new file ends the waits of the previous one', () => {
    const t = turns()
    t.ready(BASE, 'base', ready('x'), 0)
    expect(t.fileStarted(5)).toEqual([{ conn: BASE, message: { t: 'alone', id: 'x', reason: 'partner-ended' } }])
  })

  test('closeAll ends every wait and turn', () => {
    const t = turns()
    t.ready(BASE, 'base', ready('x'), 0)
    t.ready(HEAD, 'head', ready('y'), 0)
    t.ready(BASE, 'base', ready('y'), 0)
    const out = t.closeAll(10)
    expect(out.map((o) => o.message.t)).toEqual(['alone', 'alone'])
    expect(t.nextDeadline()).toBeUndefined()
  })

  test('blocks and ends for unknown benchmarks, or out of turn, are ignored', () => {
    const t = turns()
    expect(t.block(BASE, { t: 'block', id: 'nope', ops: 1, ns: 1, typicalNs: 1 }, 0)).toEqual([])
    expect(t.end(HEAD, { t: 'end', id: 'nope' }, 0)).toEqual([])
    t.ready(BASE, 'base', ready('x'), 0)
    const [turn] = t.ready(HEAD, 'head', ready('x'), 0)
    const idle = turn!.conn === BASE ? HEAD : BASE
    expect(t.block(idle, { t: 'block', id: 'x', ops: 1, ns: 1, typicalNs: 1 }, 0)).toEqual([])
  })
})
