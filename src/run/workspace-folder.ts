import { realpathSync } from 'node:fs'
import { isAbsolute, relative, resolve } from 'pathe'

/**
 * The project folder's path inside the repository that GitHub Actions checked out
 * (`GITHUB_WORKSPACE`), `/`-separated: where an annotation's file path must start, since GitHub
 * places it from the repository's top. `''` at the top, outside it, or without `GITHUB_WORKSPACE`.
 *
 * @param root - the project folder (the runner's root, or the folder `perfspec ab` runs in)
 */
export function folderInWorkspace(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const workspace = env.GITHUB_WORKSPACE
  if (!workspace) return ''
  const real = (path: string) => {
    try {
      return realpathSync(path)
    } catch {
      return resolve(path)
    }
  }
  const folder = relative(real(workspace), real(root))
  return folder.startsWith('..') || isAbsolute(folder) ? '' : folder
}
