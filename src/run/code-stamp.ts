import { relative } from 'pathe'
import type { CodeStamp } from '../model/code-stamp.js'
import { projectBaselineDir } from './baseline-folder.js'
import { gitCommit, uncommittedChanges } from './environment.js'
import type { ResolvedPerfOptions } from './options.js'
import { reportPaths, systemPath } from './root-paths.js'
import { stampOfFile } from './test-file-stamp.js'

/**
 * What a blob run at `root` measured of the code, as it ends: the commit, and the uncommitted
 * changes without the run's own baselines and reports (a shard with `-u` or `--reporter=perf`
 * rewrites them, and the next shard of the run would read as another working tree). The stamp
 * of each test file adds its own text ({@link fileCodeStamp}).
 */
export function runCodeStamp(root: string, options: ResolvedPerfOptions): Pick<CodeStamp, 'commit' | 'changes'> {
  const commit = gitCommit(root)
  if (commit === undefined) return {}
  const changes = uncommittedChanges(root)
  if (!changes) return { commit, ...(changes === null && { changes }) }
  const reports = reportPaths(root, options)
  // As configured, and as git names them: through the symlinked folders they may go by (probe 56 #3).
  const realRoot = systemPath(root)
  const written = [projectBaselineDir(root, options.baselineDir, `${options.source} option "baselineDir"`), reports.json, reports.output, ...reports.exports.map(([, path]) => path)]
    .filter((path) => path !== undefined)
    .flatMap((path) => [relative(root, path), relative(realRoot, systemPath(path))])
  const own = (path: string) => written.some((w) => path === w || path.startsWith(`${w}/`))
  return { commit, changes: Object.fromEntries(Object.entries(changes).filter(([path]) => !own(path))) }
}

/**
 * A test file's stamp (`path`: absolute): the run's commit, the digest of the file's text now,
 * and on the blob's `first` file the run's changes (once per blob: they may be many).
 */
export function fileCodeStamp(run: Pick<CodeStamp, 'commit' | 'changes'>, path: string, first: boolean): CodeStamp {
  const source = stampOfFile(path)?.digest
  return { ...(run.commit !== undefined && { commit: run.commit }), ...(source !== undefined && { source }), ...(first && run.changes !== undefined && { changes: run.changes }) }
}
