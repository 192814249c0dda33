import type { Vitest } from 'vitest/node'
import type { ResolvedPerfOptions } from '../run/options.js'

/**
 * Rewrites the report of a perf run refused before any test ran, failing with the reason, so that
 * the last run's PASS does not stay on disk as this run's; prints it and its annotations. The
 * refusal itself is the caller's to throw: a report that cannot be written leaves it standing.
 */
export async function reportRefusedRun(vitest: Vitest, options: ResolvedPerfOptions, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error)
  try {
    const { finishRun } = await import('../adapters/finish-run.js')
    const outcome = finishRun({ tests: [], root: vitest.config.root, runner: { name: 'vitest', version: vitest.version }, startedAt: Date.now(), options, interrupted: true, problems: [message.replace(/^perfspec: /, '')] })
    vitest.logger.log(outcome.console)
    for (const line of outcome.annotations) process.stdout.write(`${line}\n`)
  } catch {
    // The refusal says what is wrong; a report path that is itself refused is told by it.
  }
}
