import { expect, test } from 'vitest'
import { missingShardBlobs } from '../src/run/blob-shards.js'

// A shard stopped by a signal writes no blob: a merge knows of it only by the other blobs' names.
test('probe 47 #2: the shards whose blob a merge folder lacks, by the blobs Vitest named for their shard', () => {
  expect(missingShardBlobs(['blob-1-2.json', 'blob-2-2.json'])).toEqual([])
  expect(missingShardBlobs(['blob-2-2.json'])).toEqual(['1/2'])
  expect(missingShardBlobs(['blob-2-4.json', 'blob-4-4.json', 'notes.txt'])).toEqual(['1/4', '3/4'])
  // Vitest 5's --merge-reports-label, one set of shards per label.
  expect(missingShardBlobs(['blob-linux-1-2.json', 'blob-linux-2-2.json', 'blob-mac-2-2.json'])).toEqual(['mac 1/2'])
  // Names that say nothing of a shard (outputFile, an unsharded run), or an impossible one, are not counted.
  expect(missingShardBlobs(['blob.json', 'mine.json', 'blob-3-2.json', 'blob-0-2.json'])).toEqual([])
})
