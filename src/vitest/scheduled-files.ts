import type { Vitest } from 'vitest/node'

type Sequencer = new (vitest: Vitest) => { shard(files: unknown[]): unknown[] | Promise<unknown[]> }

/**
 * How many test files a run is to run, from the specifications Vitest starts it with. Vitest 5
 * starts a shard (`--shard=i/n`) with its own share; Vitest 4 with every file, and its pool keeps
 * the share, which the run's sequencer (`sequence.sequencer`, Vitest's or the user's) decides the
 * same way here (probe 47 #3: cutting Vitest 5's share again halved it).
 */
export async function scheduledFiles(vitest: Vitest | undefined, specifications: readonly unknown[] | undefined): Promise<number> {
  const all = specifications ?? []
  const config = vitest?.config as { shard?: unknown; sequence?: { sequencer?: Sequencer } } | undefined
  const Sequencer = config?.sequence?.sequencer
  if (!vitest || !config?.shard || typeof Sequencer !== 'function' || !shardsInPool(vitest.version)) return all.length
  try {
    return (await new Sequencer(vitest).shard([...all])).length
  } catch {
    // Vitest's pool then stops the run at the same error, which it reports.
    return all.length
  }
}

/** Whether this Vitest's pool cuts a shard's share from every file (Vitest 4), rather than its start (Vitest 5 on). */
function shardsInPool(version: string | undefined): boolean {
  return Number(/^(\d+)\./.exec(version ?? '')?.[1] ?? 0) < 5
}
