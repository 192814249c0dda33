import { readFileSync } from 'node:fs'

/**
 * Benchmarks the family-wise correction assumes before the first is paired, at least: a
 * comparison decided early must not be held to a looser standard than one decided late, when the
 * run's size is not known yet.
 */
export const MIN_EXPECTED_BENCHMARKS = 10

/**
 * How many benchmarks an A/B run should expect, for the correction of its intervals: those of the
 * previous run's results at `previousJson` (the same project, usually the same suite), and at
 * least {@link MIN_EXPECTED_BENCHMARKS}. The coordinator counts more when more are paired.
 * A missing or unreadable file is no error: it only informs the correction.
 */
export function expectedBenchmarks(previousJson: string): number {
  let previous = 0
  try {
    const data = JSON.parse(readFileSync(previousJson, 'utf8')) as { comparisons?: unknown }
    if (Array.isArray(data.comparisons)) previous = data.comparisons.length
  } catch {
    // No previous run here (or a file the user replaced): the floor stands.
  }
  return Math.max(MIN_EXPECTED_BENCHMARKS, previous)
}
