import type { Reporter, TestModule, Vitest } from 'vitest/node'
import type { ShardGap, ShardGapCause } from '../model/run-problem.js'
import { blobRunGap } from '../run/vitest-run-end.js'
import { shardIncompleteText } from '../report/status-text.js'
import { isCancelNote } from './cancel-note.js'
import { scheduledFiles } from './scheduled-files.js'
import { CODE_STAMP_KEY } from '../model/code-stamp.js'
import { fileCodeStamp, runCodeStamp } from '../run/code-stamp.js'
import type { ResolvedPerfOptions } from '../run/options.js'
import { unreadableChangesText } from '../report/status-text.js'
import { keepRunFiles } from '../adapters/kept-files.js'
import { checkedAtExit } from './checked-at-exit.js'
import { vitestTestRoots } from './test-roots.js'

/** The name of the error a blob run's mark travels as. */
const MARK_NAME = 'PerfspecBlobRunIncomplete'

/** The error a blob carries to a merge for a run that left files out: Vitest prints it there, and fails the merge. */
interface ShardMark {
  name: typeof MARK_NAME
  message: string
  stack: string
  perfspecShardGap: ShardGap
}

/**
 * Put before Vitest's blob reporter by the plugin: when the run did not run every test file it
 * was to (`blobRunGap`), adds a mark to the run's errors as the blob reporter is about to copy
 * them, so that a merge of the blob knows. The blob holds only the files that ran, and
 * nothing of a run stopped by `--bail` or by a global setup that threw says so. It also stamps
 * each test file with the code the run measured (`CodeStamp`), as the run ends: after what the
 * run itself wrote into the files (inline snapshots).
 */
export class BlobRunMarker implements Reporter {
  private vitest?: Vitest

  /**
   * @param options - the run's perfspec options: its baselines and reports are not code.
   * @param early - the baseline folder's files and texts as the `perf()` plugin read them, before
   *   any reporter's onInit (see `baselineTexts`). Default: read at this reporter's onInit.
   */
  constructor(
    private readonly options: ResolvedPerfOptions,
    private readonly early?: ReadonlyMap<string, string>,
  ) {}
  private scheduled = 0
  private started = 0
  private cancelled = 0

  onInit(vitest: Vitest): void {
    this.vitest = vitest
    // A shard has no perf reporter, and its merge runs later, maybe elsewhere: a baseline another
    // reporter of the shard deletes or writes over is named as the shard ends, and fails it (probe 73 #3).
    if (checkedAtExit(vitest.config)) keepRunFiles({ root: vitest.config.root, options: this.options, testRoots: vitestTestRoots(vitest) }, undefined, this.early)
  }

  async onTestRunStart(specifications?: readonly unknown[]): Promise<void> {
    this.scheduled = await scheduledFiles(this.vitest, specifications)
    this.started = 0
    this.cancelled = 0
  }

  onTestModuleStart(): void {
    this.started += 1
  }

  onTestModuleEnd(module: TestModule): void {
    for (const testCase of module.children.allTests()) {
      const result = testCase.result() as { state: string; note?: unknown }
      if (result.state === 'skipped' && isCancelNote(result.note)) this.cancelled += 1
    }
  }

  // Not async: the blob reporter, next in Vitest's list, copies the errors as it is called.
  onTestRunEnd(modules?: readonly unknown[], unhandledErrors?: ReadonlyArray<unknown>, reason?: string): void {
    const config = this.vitest?.config as { shard?: { index: number; count: number }; bail?: number } | undefined
    const gap = blobRunGap({
      ...(config?.shard && { shard: `${config.shard.index}/${config.shard.count}` }),
      scheduled: this.scheduled,
      reported: modules?.length ?? 0,
      started: this.started,
      cancelled: this.cancelled,
      ...(reason !== undefined && { reason }),
      bail: Number(config?.bail ?? 0) > 0,
    })
    if (gap && Array.isArray(unhandledErrors)) (unhandledErrors as unknown[]).push(shardMark(gap))
    this.stampCode((modules ?? []) as readonly TestModule[])
  }

  private stampCode(modules: readonly TestModule[]): void {
    if (!this.vitest || modules.length === 0) return
    const run = runCodeStamp(this.vitest.config.root, this.options)
    if (run.changes === null) this.vitest.logger.warn(`perfspec: ${unreadableChangesText()}`)
    modules.forEach((module, i) => {
      ;(module.meta() as Record<string, unknown>)[CODE_STAMP_KEY] = fileCodeStamp(run, module.moduleId, i === 0)
    })
  }
}

function shardMark(gap: ShardGap): ShardMark {
  const message = `perfspec: ${shardIncompleteText(gap)}`
  return { name: MARK_NAME, message, stack: `${MARK_NAME}: ${message}`, perfspecShardGap: gap }
}

const CAUSES: readonly ShardGapCause[] = ['bail', 'cancel', 'error']

/**
 * The marks among a merge's errors (`--merge-reports`: the blobs' errors), read back as the gaps
 * they carry, and the other errors. A mark that does not read as one (a blob of another perfspec
 * version) stays an error.
 */
export function readShardGaps<E>(errors: readonly E[]): { gaps: ShardGap[]; others: E[] } {
  const gaps: ShardGap[] = []
  const others: E[] = []
  for (const error of errors) {
    const gap = gapOf(error)
    if (gap) gaps.push(gap)
    else others.push(error)
  }
  return { gaps, others }
}

function gapOf(error: unknown): ShardGap | undefined {
  if (typeof error !== 'object' || error === null || (error as { name?: unknown }).name !== MARK_NAME) return undefined
  const gap = (error as { perfspecShardGap?: Partial<ShardGap> }).perfspecShardGap
  if (typeof gap !== 'object' || gap === null) return undefined
  const { shard, ran, total, cause } = gap
  if (!Number.isInteger(ran) || !Number.isInteger(total) || !CAUSES.includes(cause as ShardGapCause)) return undefined
  if (shard !== undefined && typeof shard !== 'string') return undefined
  return { ...(shard !== undefined && { shard }), ran: ran!, total: total!, cause: cause! }
}
