import { createHash } from 'node:crypto'
import { relative } from 'pathe'

/**
 * The paths a patch (`git diff HEAD --no-renames --submodule=diff`) changes, each from the
 * project root (`prefix`: the root's folder within the repository, as `git rev-parse
 * --show-prefix` gives it, `''` at its top), with a digest (12 hex digits) of its part of the
 * patch: two patches change a path alike when the digests agree. A submodule's own lines
 * (`Submodule lib 1a2b..3c4d:`) count as a path of their own.
 */
export function changeDigests(patch: string, prefix: string): Record<string, string> {
  const parts = new Map<string, string[]>()
  let current: string[] | undefined
  for (const line of patch.split('\n')) {
    const header = line.startsWith('diff --git ') ? headerPath(line.slice('diff --git '.length)) : line.startsWith('Submodule ') ? line : undefined
    if (header !== undefined) {
      const path = line.startsWith('Submodule ') ? header : relative(`/${prefix}`, `/${header}`)
      current = parts.get(path) ?? []
      parts.set(path, current)
    }
    current?.push(line)
  }
  return Object.fromEntries([...parts].map(([path, lines]) => [path, createHash('sha256').update(lines.join('\n'), 'latin1').digest('hex').slice(0, 12)]))
}

/**
 * The path of a `diff --git a/<path> b/<path>` header without renames: both halves name it, so
 * it is the first half, whose length the line gives; git quotes a path with unusual characters
 * (`"a/t\303\251st.ts" "b/t\303\251st.ts"`).
 */
function headerPath(rest: string): string {
  if (!rest.startsWith('"')) return rest.slice(2, 2 + (rest.length - 5) / 2)
  const end = rest.indexOf('" "b/')
  return unquote(rest.slice(3, end))
}

/** A C-quoted path of git's, its octal escapes read as the bytes of UTF-8. */
function unquote(quoted: string): string {
  const bytes: number[] = []
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '"': 34, '\\': 92 }
  for (let i = 0; i < quoted.length; i++) {
    const c = quoted[i]!
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'))
      continue
    }
    const next = quoted[i + 1] ?? ''
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(quoted.slice(i + 1, i + 4), 8))
      i += 3
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0))
      i += 1
    }
  }
  return Buffer.from(bytes).toString('utf8')
}
