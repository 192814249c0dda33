import { lstatSync, readlinkSync } from 'node:fs'
import { dirname, isAbsolute, join, normalize, relative, resolve } from 'pathe'
import type { ExportFormat } from '../model/export-formats.js'
import type { ResolvedPerfOptions } from './options.js'

/** A path option resolved against the project root. */
export function atRoot(root: string, path: string): string {
  return isAbsolute(path) ? path : resolve(root, path)
}

/**
 * Whether a path taken relative to a folder climbs out of it (`..`, `../x`, `a/../../x`), or is
 * absolute, as `relative` answers for a path on another drive.
 */
export function climbsOut(relativePath: string): boolean {
  const path = normalize(relativePath)
  return path === '..' || path.startsWith('../') || isAbsolute(path)
}

/** Where the end of a run writes its files, absolute; `undefined` for a report turned off. */
export interface ReportPaths {
  json: string | undefined
  output: string | undefined
  exports: Array<[ExportFormat, string]>
}

/**
 * The files the end of a run writes (`json`, `output`, each of `exports`), resolved against the
 * project root. They must stay inside it: a reporter runs unattended in CI, and a config shared
 * or copied between projects must not write over files elsewhere on the machine. Relative paths
 * that climb out are refused when the options are read; absolute ones need the root, known here.
 *
 * @throws TypeError naming the option whose path lies outside the root
 */
export function reportPaths(root: string, options: ResolvedPerfOptions): ReportPaths {
  const inside = (option: string, path: string): string => {
    const target = atRoot(root, path)
    if (climbsOut(relative(root, target))) throw new TypeError(`perfspec: option "${option}" must be a path inside the project root ${root}, where reports and exports are written; received ${JSON.stringify(path)}`)
    return target
  }
  return {
    json: options.json ? inside('json', options.json) : undefined,
    output: options.output ? inside('output', options.output) : undefined,
    exports: (Object.entries(options.exports) as Array<[ExportFormat, string]>).map(([format, path]) => [format, inside(`exports.${format}`, path)]),
  }
}

/**
 * The report option (`json`, `output`, `exports.<format>`) whose file is `file` too, the file the
 * runner writes its own output to (Jest's `--json --outputFile`, resolved against its working
 * folder), or `baselineDir` when `file` lies in the baseline folder (`baselineDir`, absolute:
 * probe 57 #1), or `undefined`: one would overwrite the other after perfspec said it wrote it.
 */
export function clashingReportOption(paths: ReportPaths, file: string, baselineDir?: string): string | undefined {
  const target = systemPath(file)
  const options: Array<[string, string | undefined]> = [['json', paths.json], ['output', paths.output], ...paths.exports.map(([format, path]): [string, string] => [`exports.${format}`, path])]
  const report = options.find(([, path]) => path !== undefined && systemPath(path) === target)?.[0]
  if (report !== undefined) return report
  return baselineDir !== undefined && target.startsWith(`${systemPath(baselineDir)}/`) ? 'baselineDir' : undefined
}

/** Whether one folder is the other or lies in it, as the system follows their links (both absolute). */
export function foldersOverlap(a: string, b: string): boolean {
  const [x, y] = [systemPath(a), systemPath(b)]
  return x === y || x.startsWith(`${y}/`) || y.startsWith(`${x}/`)
}

/**
 * A path as the system follows it through symlinks, part by part (`file`: absolute): a link's
 * target taken from the link's real folder, a link to a folder or file that does not exist yet
 * followed all the same (a report folder a run creates: probe 56 #1), `..` after a link the
 * link's target's parent (probe 55 #1). What does not exist is taken as written.
 */
export function systemPath(file: string): string {
  const root = (path: string) => (path.startsWith('/') ? '/' : path.slice(0, path.indexOf('/') + 1))
  let path = root(file)
  let rest = file.slice(path.length).split('/')
  for (let hops = 0; rest.length > 0; ) {
    const part = rest.shift()!
    if (part === '' || part === '.') continue
    if (part === '..') {
      path = dirname(path)
      continue
    }
    const next = join(path, part)
    let target: string | undefined
    try {
      if (lstatSync(next).isSymbolicLink()) target = readlinkSync(next)
    } catch {
      // Not there (yet): as written.
    }
    if (target === undefined || ++hops > 40) {
      path = next
      continue
    }
    const normal = target.replaceAll('\\', '/')
    if (isAbsolute(normal)) path = root(normal)
    rest = [...normal.slice(isAbsolute(normal) ? root(normal).length : 0).split('/'), ...rest]
  }
  return path
}
