import type { Vitest } from 'vitest/node'

type Sequencer = new (vitest: Vitest) => { shard(files: unknown[]): unknown[] | Promise<unknown[]> }

/**
 * How many test files a run is to run, from the specifications Vitest starts it with: a shard
 * (`--shard=i/n`) gets them all there, and its pool keeps its own share, which the run's sequencer
 * (`sequence.sequencer`, Vitest's or the user's) decides the same way here.
 */
export async function scheduledFiles(vitest: Vitest | undefined, specifications: readonly unknown[] | undefined): Promise<number> {
  const all = specifications ?? []
  const config = vitest?.config as { shard?: unknown; sequence?: { sequencer?: Sequencer } } | undefined
  const Sequencer = config?.sequence?.sequencer
  if (!vitest || !config?.shard || typeof Sequencer !== 'function') return all.length
  try {
    return (await new Sequencer(vitest).shard([...all])).length
  } catch {
    // Vitest's pool then stops the run at the same error, which it reports.
    return all.length
  }
}
