import type { AbSide } from '../model/ab.js'
import type { SideExit, SideProcess } from './sides.js'

/** One test file of the run, and the sides that have it. */
export interface FilePlan {
  /** Relative to the project folder, `/` separators. */
  file: string
  /** The sides that list it, base first. */
  sides: AbSide[]
}

/**
 * The files of both sides in one sorted order (the same on both sides, so that their benchmarks
 * meet), each with the sides that have it: a file on one side only runs alone.
 */
export function pairFiles(base: readonly string[], head: readonly string[]): FilePlan[] {
  const inBase = new Set(base)
  const inHead = new Set(head)
  return [...new Set([...base, ...head])].sort().map((file) => ({ file, sides: (['base', 'head'] as const).filter((s) => (s === 'base' ? inBase : inHead).has(file)) }))
}

/** A side's runner that did not end well on a file: tests failed (`code` non-zero) or a signal ended it. */
export type SideFailure = Omit<SideExit, 'stopped'>

/**
 * Runners started before their file's turn, waiting for it: the file, the turn they wait for
 * (what the coordinator is told as the file starts: a file run twice, in a fresh round, has a
 * turn of its own each time), and a runner per side.
 */
export interface EarlyStart {
  file: string
  turn: string
  runners: Map<AbSide, SideProcess>
}

/** What {@link runFiles} needs; injectable so the order of events is tested with fake processes. */
export interface RunFilesInput {
  plan: readonly FilePlan[]
  /** The coordinator's part that follows the files (see `AbCoordinator`): a file's start, with the turn that runners started early for it wait for. */
  coordinator: { fileStarted(file: string, turn?: string): void; sideEnded(side: AbSide): void }
  /**
   * Starts one side's runner on one file; with `turn`, before the file's turn, while the file
   * before it is measured, its worker waiting for that turn (see `AbEnvironment.hold`).
   */
  start(side: AbSide, file: string, turn?: string): SideProcess
  /**
   * Whether a side's runner may be started before its file's turn: its workers wait for it. The
   * start of a runner and its worker takes seconds per file; started while the file before
   * measures (on another CPU than the measuring one, where both sides are pinned), it costs
   * the run nothing. Default: never.
   */
  early?(side: AbSide): boolean
  /**
   * Listens for what may start runners early while a file runs: a side that may now be started
   * early (its worker said so as it connected), or, in the last file, a finding that makes `then`
   * name a file. Called with a listener as a file starts; returns what stops listening. The next
   * file's runners of such a side start then, rather than at its turn: the second file's too,
   * whose runners would otherwise start after the first file's workers connect.
   */
  onEarly?(listener: () => void): () => void
  /** Runners started early for this plan's first file by the run before (its outcome's `next`); stopped when they are not for it. */
  begun?: EarlyStart
  /**
   * The file to start early while this plan's last file runs, for the run after this one (a fresh
   * round's first), asked as it starts and at each `onEarly` until it names one (what the files so
   * far found decides it); its runners are handed back in the outcome's `next`, for its `begun`.
   */
  then?(): FilePlan | undefined
  /** Told as each file starts (1-based index). */
  onFile?(index: number, total: number, file: FilePlan): void
  /** Told as each side's runner ends. */
  onExit?(exit: SideExit): void
  /** Aborted (Ctrl-C, SIGTERM): the running sides are stopped and no further file starts. */
  signal?: AbortSignal
}

/** How the files ran. */
export interface RunFilesOutcome {
  /** Runners that ended with a non-zero code: failing tests, whose benchmarks may still have compared. */
  failures: SideFailure[]
  /** A runner ended by a signal perfspec did not send (killed, crashed): the run stopped there. */
  killed?: SideFailure
  /** The run was aborted through `signal`. */
  aborted: boolean
  /** Files that ran to their end (both sides). */
  ran: number
  /** The runners started early for `then`, waiting: the caller passes them on, or stops them ({@link stopEarly}). */
  next?: EarlyStart
}

/** Stops runners started early that no run will use. */
export function stopEarly(early: EarlyStart | undefined): void {
  early?.runners.forEach((p) => p.stop())
}

let turns = 0

/**
 * Runs the files one at a time, both sides of each at once: tells the coordinator the file, then
 * each side's end as it comes (its partner's waits end then, rather than at a timeout). A side
 * that has no such file is ended at once. A side's runner ended by a signal perfspec did not send
 * ends the other side and the run; failing tests do not. The next file's runners of sides that
 * allow it (`early`) start as a file starts, or as a side comes to allow it while the file runs
 * (`onEarly`), and wait for their turn; a run that ends before their turn stops them.
 */
export async function runFiles(input: RunFilesInput): Promise<RunFilesOutcome> {
  const failures: SideFailure[] = []
  let ran = 0
  let early = input.begun
  if (early && early.file !== input.plan[0]?.file) {
    stopEarly(early)
    early = undefined
  }
  for (const [i, plan] of input.plan.entries()) {
    if (input.signal?.aborted) return stopEarly(early), { failures, aborted: true, ran }
    const mine = early?.file === plan.file ? early : undefined
    for (const [side, p] of mine?.runners ?? []) if (!plan.sides.includes(side)) p.stop()
    input.coordinator.fileStarted(plan.file, mine?.turn ?? plan.file)
    input.onFile?.(i + 1, input.plan.length, plan)
    for (const side of ['base', 'head'] as const) if (!plan.sides.includes(side)) input.coordinator.sideEnded(side)
    const running = plan.sides.map((side) => mine?.runners.get(side) ?? input.start(side, plan.file))
    early = undefined
    let over = false
    let upcoming: FilePlan | undefined
    // The upcoming file's runners of the sides that may start early and have not yet; after the
    // last file, the one `then` names, asked until it names one.
    const startEarly = () => {
      if (over || input.signal?.aborted) return
      upcoming ??= input.plan[i + 1] ?? input.then?.()
      if (!upcoming) return
      const sides = upcoming.sides.filter((side) => input.early?.(side) && !early?.runners.has(side))
      if (sides.length === 0) return
      early ??= { file: upcoming.file, turn: `${++turns}:${upcoming.file}`, runners: new Map() }
      for (const side of sides) early.runners.set(side, input.start(side, upcoming.file, early.turn))
    }
    startEarly()
    const stopAll = () => {
      over = true
      running.forEach((p) => p.stop())
      stopEarly(early)
    }
    input.signal?.addEventListener('abort', stopAll)
    const unlisten = input.onEarly?.(startEarly)
    let killed: SideFailure | undefined
    try {
      await Promise.all(
        running.map(async (p) => {
          const exit = await p.exited
          input.coordinator.sideEnded(exit.side)
          input.onExit?.(exit)
          const { stopped, ...failure } = exit
          if (exit.signal && !stopped && !killed) {
            killed = failure
            stopAll()
          } else if (exit.code !== 0 && !stopped && exit.signal === null) failures.push(failure)
        }),
      )
    } finally {
      over = true
      unlisten?.()
      input.signal?.removeEventListener('abort', stopAll)
    }
    if (killed) return stopEarly(early), { failures, killed, aborted: false, ran }
    if (input.signal?.aborted) return stopEarly(early), { failures, aborted: true, ran }
    ran++
  }
  return { failures, aborted: false, ran, ...(early && { next: early }) }
}
