/**
 * How Vitest names a shard's blob unless told otherwise (`--shard=i/n --reporter=blob`):
 * `blob-<i>-<n>.json`, `blob-<label>-<i>-<n>.json` with Vitest 5's `--merge-reports-label`.
 */
const SHARD_BLOB = /^blob-(?:(.+)-)?(\d+)-(\d+)\.json$/

/**
 * The shards (`i/n`) whose blob is not among `names` (the files of a `--merge-reports` folder),
 * for each shard count some blob there was named with: a shard stopped by a signal, a timeout or
 * a cancelled job writes none, and a merge without it reads as a whole run. Blobs named otherwise
 * (`outputFile`) say nothing of their shard and are not counted.
 */
export function missingShardBlobs(names: readonly string[]): string[] {
  // Per label and shard count: the shards seen.
  const seen = new Map<string, { label: string | undefined; count: number; indexes: Set<number> }>()
  for (const name of names) {
    const match = SHARD_BLOB.exec(name)
    if (!match) continue
    const label = match[1]
    const index = Number(match[2])
    const count = Number(match[3])
    if (index < 1 || index > count) continue
    const key = `${label ?? ''}\0${count}`
    const run = seen.get(key) ?? { label, count, indexes: new Set<number>() }
    run.indexes.add(index)
    seen.set(key, run)
  }
  const missing: string[] = []
  for (const key of [...seen.keys()].sort()) {
    const { label, count, indexes } = seen.get(key)!
    for (let i = 1; i <= count; i++) if (!indexes.has(i)) missing.push(`${label === undefined ? '' : `${label} `}${i}/${count}`)
  }
  return missing
}
