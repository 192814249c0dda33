import { median } from '../analyse/median.js'
import { DEFAULT_LOOKS, lookAtPairs, lookConfidence, lookSchedule, pairsNeeded, type LookPlan, type PairedLook } from '../compare/paired-verdict.js'
import { FRESH_ROUND_PAIRS } from '../compare/ab-confirmation.js'
import type { AbComparison, AbGate, AbMetric, AbProgress, AbReason, AbSide, AbStatus } from '../model/ab.js'
import { ID_SEPARATOR, idPart } from '../model/names.js'
import type { BlockMessage, CoordinatorMessage, EndMessage, ReadyMessage } from './protocol.js'

/**
 * The turn-taking of `perfspec ab` as a pure state machine: events in (a side is ready, a block
 * is measured, a benchmark or a process ended, time passed), messages out. No socket, no timer:
 * the coordinator feeds it and asks {@link Turns.nextDeadline} when to call {@link Turns.tick}.
 * Every wait it starts has a deadline, so no side waits forever.
 */

/** A worker's connection, as the coordinator numbers them. */
export type ConnectionId = number

/** A message for one connection. */
export interface Outgoing {
  conn: ConnectionId
  message: CoordinatorMessage
}

/** Options of {@link Turns}; times in ms. */
export interface TurnsOptions {
  gate: Required<AbGate>
  /** Benchmarks expected in the run, for the correction; grows with those actually paired. */
  benchmarks: number
  timeCapMs: number
  partnerWaitMs: number
  blockMs: number
  /** Uniform in [0, 1): orders the two blocks of each pair. */
  random: () => number
  looks?: LookPlan
  /**
   * Confidence of the screening interval (see `lookAtPairs`), when suspects are measured again in
   * fresh processes; absent: a comparison reads slower only at the gate's corrected confidence.
   */
  screen?: number
  onProgress?: (progress: AbProgress) => void
}

/** One benchmark of one side, from its `ready` on. */
interface Entry {
  side: AbSide
  conn: ConnectionId
  ready: ReadyMessage
  readyAt: number
  /** waiting for its partner; paired (taking turns); alone (measuring on its own); over (nothing more to send it). */
  state: 'waiting' | 'paired' | 'alone' | 'over'
  /** While waiting: when it stops waiting. */
  deadline?: number
  /** When alone: why. */
  reason?: AbReason
  /** Alone after its pair broke, or a retry (see `ready`): its comparison is recorded already. */
  compared?: boolean
  /** The ids each side was ready on in the file this one was ready in (see `Turns.seen`). */
  seen: Record<AbSide, Set<string>>
}

/** A benchmark of both sides taking turns. */
interface Pair {
  entries: Record<AbSide, Entry>
  startedAt: number
  capAt: number
  /** Per side, the compared figure of each of its blocks. */
  blocks: Record<AbSide, number[]>
  /** The side that measures now, and the one after it in this pair of blocks (or none). */
  order: AbSide[]
  turnDeadline: number
  looks: number
  last?: PairedLook
  /** The gate it is judged by (see {@link gateOf}). */
  gate: BenchGate
}

/** The gate of one benchmark: the figure of its blocks compared, the change that matters, and whether a slower verdict fails the run. */
interface BenchGate {
  metric: AbMetric
  threshold: number
  gated: boolean
}

const other = (side: AbSide): AbSide => (side === 'base' ? 'head' : 'base')

/** Pairs of blocks complete (the last pair may have one block only). */
const pairsOf = (pair: Pair): number => Math.min(pair.blocks.base.length, pair.blocks.head.length)

/** See the file's comment. Each method returns the messages to send, in order. */
export class Turns {
  private readonly entries = new Map<ConnectionId, Map<string, Entry>>()
  private readonly pairs = new Map<Entry, Pair>()
  /** Ids each side has been ready on in the current file (a new pair of sets for each file: entries keep theirs). */
  private seen: Record<AbSide, Set<string>> = { base: new Set(), head: new Set() }
  /** When set, only these ids are paired; the others measure alone at once (see {@link pairOnly}). */
  private only?: ReadonlySet<string>
  /** The ids each side was ready on in the file of each benchmark measured alone: whether the other side ever had it. */
  private readonly seenOfAlone = new Map<AbComparison, Record<AbSide, Set<string>>>()
  /** Sides whose process for the current file ended. */
  private readonly ended = new Set<AbSide>()
  /** The test file both sides run now, as `perfspec ab` names it; unset before the first. */
  private file?: string
  private readonly done: AbComparison[] = []
  private readonly schedule: number[]
  private readonly looks: LookPlan
  private paired = 0

  constructor(private readonly options: TurnsOptions) {
    this.looks = options.looks ?? DEFAULT_LOOKS
    this.schedule = lookSchedule(this.looks)
  }

  /**
   * The comparisons so far, in the order they ended. One measured alone because the two sides
   * did not meet on it (`partner-elsewhere`) whose id the other side was never ready on in that
   * file (so far) is one side's only (`partner-ended`: new, removed or renamed).
   */
  results(): AbComparison[] {
    return this.done.map((c) => (c.status === 'alone' && c.side && c.reason === 'partner-elsewhere' && !this.seenOfAlone.get(c)?.[other(c.side)].has(c.id) ? { ...c, reason: 'partner-ended' as const } : c))
  }

  /**
   * From now on pairs only the benchmarks with these ids, and sends every other one alone as
   * soon as it is ready (`undefined`: all of them again): a round that measures some suspects
   * again runs their files whole, and the other benchmarks there need not take turns.
   */
  pairOnly(ids: ReadonlySet<string> | undefined): void {
    this.only = ids
  }

  /** The earliest time {@link tick} has something to do, if any. */
  nextDeadline(): number | undefined {
    let next: number | undefined
    for (const entry of this.allEntries()) {
      const at = entry.state === 'waiting' ? entry.deadline : entry.state === 'paired' ? this.pairs.get(entry)!.turnDeadline : undefined
      if (at !== undefined && (next === undefined || at < next)) next = at
    }
    return next
  }

  /** Ends the waits and the turns whose deadline has passed. */
  tick(now: number): Outgoing[] {
    const out: Outgoing[] = []
    for (const entry of this.allEntries()) {
      if (entry.state === 'waiting' && entry.deadline! <= now) this.goAlone(entry, 'partner-timeout', out)
      else if (entry.state === 'paired') {
        const pair = this.pairs.get(entry)!
        // The side whose block is overdue is taken as gone: its partner measures alone.
        if (pair.turnDeadline <= now && entry.side === pair.order[0]) this.breakPair(pair, entry, now, out, 'partner-timeout')
      }
    }
    return out
  }

  /**
   * Both sides now run `file`: the waits of the previous file end, alone. Benchmarks ready from
   * now on are filed under `file` (the test file as `perfspec ab` names it).
   */
  fileStarted(now: number, file?: string): Outgoing[] {
    const out = this.closeAll(now)
    this.seen = { base: new Set(), head: new Set() }
    this.ended.clear()
    this.file = file
    return out
  }

  /** `side`'s process for the current file ended: what it was doing ends, and its partner's waits with it. */
  sideEnded(side: AbSide, now: number): Outgoing[] {
    const out: Outgoing[] = []
    this.ended.add(side)
    for (const entry of this.allEntries()) {
      if (entry.side === side) {
        // One measuring alone keeps its entry: its `end` may arrive after the process's exit is
        // seen, and the connection's close ends it anyway.
        if (entry.state === 'paired') this.breakPair(this.pairs.get(entry)!, entry, now, out, 'partner-failed')
        if (entry.state !== 'alone') this.remove(entry)
      } else if (entry.state === 'waiting') this.goAlone(entry, 'partner-ended', out)
    }
    return out
  }

  /** A connection closed: its benchmarks end as if their process had died. */
  connectionClosed(conn: ConnectionId, now: number): Outgoing[] {
    const out: Outgoing[] = []
    for (const entry of this.entries.get(conn)?.values() ?? []) {
      if (entry.state === 'paired') this.breakPair(this.pairs.get(entry)!, entry, now, out, 'partner-failed')
      this.remove(entry)
    }
    this.entries.delete(conn)
    return out
  }

  /** A side's benchmark is warmed up and wants to measure. */
  ready(conn: ConnectionId, side: AbSide, ready: ReadyMessage, now: number): Outgoing[] {
    const out: Outgoing[] = []
    const mine = this.entries.get(conn) ?? new Map<string, Entry>()
    this.entries.set(conn, mine)
    // Filed under the test file both sides run now, as `perfspec ab` names it (relative to its
    // folder): the worker's `file` is relative to the runner's root, which may be another folder
    // (Jest's `rootDir`, a Vitest project), and the file must be found to be run again.
    // A worker's file that is not a tail of it is another file's (a runner that ran more than the
    // one file): it keeps its own name rather than being filed under the wrong file. A worker that
    // knows no file (a benchmark outside a test's context) sends none.
    const ours = this.file !== undefined && (ready.file === '' || this.file === ready.file || this.file.endsWith(`/${ready.file}`))
    const entry: Entry = { side, conn, ready: ours ? { ...ready, file: this.file! } : ready, readyAt: now, state: 'waiting', seen: this.seen }
    const previous = mine.get(ready.id)
    if (previous && previous.state !== 'over') this.remove(previous)
    mine.set(ready.id, entry)
    const partnerSide = other(side)
    // A retry of a benchmark this side measured in an earlier attempt of its test, in this file:
    // the attempt that counts has no partner, and what the earlier one read (of an attempt that
    // failed) is no verdict. It measures alone, and the comparison says why.
    if ((ready.retries ?? 0) > 0 && this.seen[side].has(ready.id)) return this.retried(entry, out), out
    const busy = [...mine.values()].some((e) => e !== entry && (e.state === 'waiting' || e.state === 'paired'))
    this.seen[side].add(ready.id)
    if (busy) return this.goAlone(entry, 'busy', out), out
    if (this.only && !this.only.has(ready.id)) return this.goAlone(entry, 'partner-elsewhere', out), out
    // The partner was ready on it before (measured it alone, or timed out on it): both sides have
    // it and did not meet, whether or not the partner's process has ended since.
    if (this.ended.has(partnerSide)) return this.goAlone(entry, this.seen[partnerSide].has(ready.id) ? 'partner-elsewhere' : 'partner-ended', out), out
    const waiting = [...this.allEntries()].filter((e) => e.side === partnerSide && e.state === 'waiting')
    const partner = waiting.find((e) => e.ready.id === ready.id)
    if (partner) return this.startPair(partner, entry, now, out), out
    // The partner already went past this benchmark (measured it alone, or timed out on it).
    if (this.seen[partnerSide].has(ready.id)) return this.goAlone(entry, 'partner-elsewhere', out), out
    // The partner waits on another benchmark: the two run in a different order, and the one that
    // waited gives way (see docs/ab.md: a benchmark inserted or removed costs at most one pairing).
    for (const e of waiting) this.goAlone(e, 'partner-elsewhere', out)
    entry.deadline = now + this.options.partnerWaitMs
    return out
  }

  /** A side measured the block of its turn. */
  block(conn: ConnectionId, block: BlockMessage, now: number): Outgoing[] {
    const out: Outgoing[] = []
    const entry = this.entries.get(conn)?.get(block.id)
    const pair = entry && this.pairs.get(entry)
    if (!entry || !pair || pair.order[0] !== entry.side) return out
    const { metric } = pair.gate
    const figure = metric === 'typical' || metric === 'p50' ? block.typicalNs : block.figures?.[metric] ?? Number.NaN
    pair.blocks[entry.side].push(figure)
    pair.order.shift()
    if (pair.order.length > 0) return this.turn(pair, now, out), out
    this.pairDone(pair, now, out)
    return out
  }

  /** A side's benchmark stopped measuring (done, its code threw, or it was stopped). */
  end(conn: ConnectionId, end: EndMessage, now: number): Outgoing[] {
    const out: Outgoing[] = []
    const entry = this.entries.get(conn)?.get(end.id)
    if (!entry) return out
    if (entry.state === 'paired') this.breakPair(this.pairs.get(entry)!, entry, now, out, 'partner-failed')
    else if (entry.state === 'alone' && !entry.compared && (end.reason ?? 'done') === 'done') this.recordAlone(entry, end.typicalNs)
    this.remove(entry)
    return out
  }

  /** Ends everything: waits and turns end alone, as the coordinator closes. */
  closeAll(now: number): Outgoing[] {
    const out: Outgoing[] = []
    for (const entry of this.allEntries()) {
      if (entry.state === 'waiting') this.goAlone(entry, 'partner-ended', out)
      else if (entry.state === 'paired') this.breakPair(this.pairs.get(entry)!, undefined, now, out, 'partner-ended')
    }
    return out
  }

  private *allEntries(): Generator<Entry> {
    for (const map of this.entries.values()) yield* [...map.values()]
  }

  private remove(entry: Entry): void {
    const map = this.entries.get(entry.conn)
    if (map?.get(entry.ready.id) === entry) map.delete(entry.ready.id)
    this.pairs.delete(entry)
    entry.state = 'over'
  }

  /** See `ready`: the comparisons of the benchmark in this file give way to one saying it was retried. */
  private retried(entry: Entry, out: Outgoing[]): void {
    const { id, file } = entry.ready
    // The other side retried it first (probe 45 #1): its comparison already says so, and stays,
    // now for both sides (no `side`: probe 46 #3).
    const earlier = this.done.filter((c) => c.id === id && c.file === file && c.reason !== 'retried')
    for (const c of earlier) this.done.splice(this.done.indexOf(c), 1)
    this.goAlone(entry, 'partner-elsewhere', out)
    entry.compared = true
    const told = this.done.find((c) => c.id === id && c.file === file)
    if (told) {
      if (told.side !== entry.side) delete told.side
      return
    }
    const comparison = this.unpaired(entry, 'inconclusive', 'retried', { typicalNs: Number.NaN, n: 0 })
    this.done.push(comparison)
    this.report(comparison, 'inconclusive')
  }

  private goAlone(entry: Entry, reason: AbReason, out: Outgoing[]): void {
    entry.state = 'alone'
    entry.reason = reason
    delete entry.deadline
    out.push({ conn: entry.conn, message: { t: 'alone', id: entry.ready.id, reason } })
  }

  private startPair(a: Entry, b: Entry, now: number, out: Outgoing[]): void {
    const entries = a.side === 'base' ? { base: a, head: b } : { base: b, head: a }
    let cap = this.options.timeCapMs
    for (const e of [a, b]) if (e.ready.budgetMs !== undefined) cap = Math.min(cap, e.ready.budgetMs - (now - e.readyAt))
    const gate = this.gateOf(entries.head)
    const pair: Pair = { entries, startedAt: now, capAt: now + Math.max(0, cap), blocks: { base: [], head: [] }, order: [], turnDeadline: now, looks: 0, gate }
    for (const e of [a, b]) {
      e.state = 'paired'
      delete e.deadline
      this.pairs.set(e, pair)
    }
    // What is not gated spends none of the family-wise confidence.
    if (gate.gated) this.paired++
    this.nextPairOfBlocks(pair, now, out)
  }

  private nextPairOfBlocks(pair: Pair, now: number, out: Outgoing[]): void {
    pair.order = this.options.random() < 0.5 ? ['base', 'head'] : ['head', 'base']
    this.turn(pair, now, out)
  }

  private turn(pair: Pair, now: number, out: Outgoing[]): void {
    const entry = pair.entries[pair.order[0]!]
    // A block has at least one call, and one call may be long: the deadline is the time left
    // before the cap plus a partner's wait, past which that side is taken as gone.
    pair.turnDeadline = Math.max(now, pair.capAt) + this.options.partnerWaitMs
    out.push({ conn: entry.conn, message: { t: 'turn', id: entry.ready.id, ms: this.options.blockMs } })
  }

  /**
   * The gate of a benchmark as `entry`'s side gives it (for a pair, the head's: the working tree's
   * settings are those under review): its own `baseline` option over the run's gate.
   */
  private gateOf(entry: Entry): BenchGate {
    const own = entry.ready.gate
    const { metric, threshold } = this.options.gate
    if (own === false) return { metric, threshold, gated: false }
    return { metric: own?.metric ?? metric, threshold: own?.threshold ?? threshold, gated: true }
  }

  private confidence(): number {
    return lookConfidence(this.options.gate.confidence, Math.max(this.options.benchmarks, this.paired), this.looks.max)
  }

  private look(pair: Pair): PairedLook {
    const n = pairsOf(pair)
    pair.looks++
    // Screened only for confirmation, which a benchmark not gated never gets.
    const screen = pair.gate.gated ? this.options.screen : undefined
    // Not in a fresh round (`only`): there the suspect's change itself is what confirms it, and
    // one stopped early near 0 would be read less precisely.
    const equivalence = this.only ? undefined : lookConfidence(this.options.gate.confidence, 1, this.looks.max)
    // In the run's own pass a suspect is screened on any look; a fresh round's change must not be read off an early, wide one.
    const screening = screen === undefined ? {} : { screen, ...(!this.only && { screenAnyWidth: true }) }
    pair.last = lookAtPairs(pair.blocks.base.slice(0, n), pair.blocks.head.slice(0, n), pair.gate.threshold, { confidence: this.confidence(), ...screening, ...(equivalence !== undefined && { equivalence }) })
    return pair.last
  }

  private pairDone(pair: Pair, now: number, out: Outgoing[]): void {
    const n = pairsOf(pair)
    if (pair.looks < this.schedule.length && n >= this.schedule[pair.looks]!) {
      const look = this.look(pair)
      if (look.decision !== 'undecided') return this.finish(pair, now, out, look.decision)
    }
    if (now >= pair.capAt) return this.finish(pair, now, out, undefined, 'time-cap')
    // A round in fresh processes (`only`) is one reading of several: it ends at its look at FRESH_ROUND_PAIRS.
    if (pair.looks >= this.schedule.length || (this.only && pair.looks > 0 && pair.last && pair.last.pairs >= FRESH_ROUND_PAIRS)) return this.finish(pair, now, out, undefined, 'look-cap')
    this.progress(pair, 'measuring')
    this.nextPairOfBlocks(pair, now, out)
  }

  /**
   * Ends a pair before its verdict: `gone` (if any) sends nothing more, its partner measures
   * alone. The pairs so far get a last look of their own if they have not had one. A side whose
   * block came too late is told to stop, should it still be there: otherwise it would wait for a
   * turn that never comes until its test times out.
   */
  private breakPair(pair: Pair, gone: Entry | undefined, now: number, out: Outgoing[], reason: AbReason): void {
    for (const side of ['base', 'head'] as const) {
      const entry = pair.entries[side]
      this.pairs.delete(entry)
      if (entry === gone) {
        entry.state = 'over'
        if (reason === 'partner-timeout') out.push({ conn: entry.conn, message: { t: 'stop', id: entry.ready.id } })
      } else {
        // Its comparison is recorded here; what it measures alone is not recorded again.
        entry.state = 'alone'
        entry.compared = true
        out.push({ conn: entry.conn, message: { t: 'alone', id: entry.ready.id, reason } })
      }
    }
    this.record(pair, now, this.lastLook(pair), reason)
  }

  private finish(pair: Pair, now: number, out: Outgoing[], decision: 'slower' | 'faster' | 'unchanged' | undefined, reason?: AbReason): void {
    for (const side of ['base', 'head'] as const) {
      const entry = pair.entries[side]
      this.pairs.delete(entry)
      entry.state = 'over'
      out.push({ conn: entry.conn, message: { t: 'stop', id: entry.ready.id } })
    }
    this.record(pair, now, decision ? pair.last : this.lastLook(pair), reason)
  }

  /** A last look at the pairs there are, unless the last look saw them all or every look is spent. */
  private lastLook(pair: Pair): PairedLook | undefined {
    const n = pairsOf(pair)
    if (n === 0) return undefined
    if (pair.last && pair.last.pairs >= n) return pair.last
    return pair.looks < this.schedule.length ? this.look(pair) : pair.last
  }

  private record(pair: Pair, now: number, look: PairedLook | undefined, reason: AbReason | undefined): void {
    const { base, head } = pair.entries
    const n = pairsOf(pair)
    const ms = now - pair.startedAt
    const status: AbStatus = look && look.decision !== 'undecided' ? look.decision : 'inconclusive'
    const comparison: AbComparison = {
      ...this.names(base),
      status,
      pairs: n,
      base: { typicalNs: median(pair.blocks.base), n: pair.blocks.base.length },
      head: { typicalNs: median(pair.blocks.head), n: pair.blocks.head.length },
      metric: pair.gate.metric,
      change: look?.change ?? Number.NaN,
      interval: look?.interval ?? [Number.NaN, Number.NaN],
      confidence: look?.confidence ?? this.confidence(),
      threshold: pair.gate.threshold,
      ...(!pair.gate.gated && { gated: false as const }),
      ms,
    }
    if (status === 'inconclusive') {
      if (reason) comparison.reason = reason
      const msPerPair = n > 0 ? ms / n : 2 * this.options.blockMs
      const empty: PairedLook = { decision: 'undecided', change: Number.NaN, interval: [Number.NaN, Number.NaN], confidence: this.confidence(), pairs: 0 }
      comparison.needs = pairsNeeded(look ?? empty, pair.gate.threshold, msPerPair)
    }
    this.done.push(comparison)
    this.report(comparison, status)
  }

  private recordAlone(entry: Entry, typicalNs: number | undefined): void {
    const comparison = this.unpaired(entry, 'alone', entry.reason, { typicalNs: typicalNs ?? Number.NaN, n: 0 })
    this.done.push(comparison)
    this.seenOfAlone.set(comparison, entry.seen)
    this.report(comparison, 'alone')
  }

  /** The comparison of a benchmark that was never paired: `own`, its side's figures. */
  private unpaired(entry: Entry, status: 'alone' | 'inconclusive', reason: AbReason | undefined, own: AbComparison['base']): AbComparison {
    const none = { typicalNs: Number.NaN, n: 0 }
    const gate = this.gateOf(entry)
    return {
      ...this.names(entry),
      status,
      side: entry.side,
      ...(reason && { reason }),
      pairs: 0,
      base: entry.side === 'base' ? own : none,
      head: entry.side === 'head' ? own : none,
      metric: gate.metric,
      change: Number.NaN,
      interval: [Number.NaN, Number.NaN],
      confidence: this.confidence(),
      threshold: gate.threshold,
      ...(!gate.gated && { gated: false as const }),
      ms: 0,
    }
  }

  private names(entry: Entry): Pick<AbComparison, 'id' | 'file' | 'test' | 'titles' | 'name'> {
    const { id, file, titles, name } = entry.ready
    return { id, file, test: titles.map(idPart).join(ID_SEPARATOR), titles, name }
  }

  private progress(pair: Pair, status: AbProgress['status']): void {
    const { id, file, test, name } = this.names(pair.entries.base)
    this.options.onProgress?.({
      file,
      id,
      test,
      name,
      pairs: pairsOf(pair),
      change: pair.last?.change ?? Number.NaN,
      interval: pair.last?.interval ?? [Number.NaN, Number.NaN],
      status,
      ...(!pair.gate.gated && { gated: false as const }),
    })
  }

  private report(c: AbComparison, status: AbProgress['status']): void {
    this.options.onProgress?.({ file: c.file, id: c.id, test: c.test, name: c.name, pairs: c.pairs, change: c.change, interval: c.interval, status, ...(c.gated === false && { gated: false as const }), ...(c.reason === 'retried' && { retried: true as const }) })
  }
}
