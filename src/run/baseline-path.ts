import { join } from 'pathe'

/**
 * A folder name for `..`, so that the baselines of a test file outside the project root
 * (`../shared/a.test.ts`) stay under the baseline folder (`_up/shared/a.test.ts.json`). A real
 * folder of that name, in any case, gets one more underscore (`_up` → `_up_`, `_UP_` → `_UP__`),
 * so two test files never share a baseline file, even on a disk that ignores case.
 */
export const PARENT_FOLDER = '_up'
const UP_LIKE = /^_up_*$/i

// Characters that Windows or macOS refuse in a file name (and `%`, the escape itself), written
// `%XX` (two upper-case hex digits): a test path that has them still gets a file of its own.
const ESCAPED = /[\u0000-\u001f\u007f"*:<>?\\|%]/g
const escape = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`

/**
 * One part of a test path as a file or folder name that every common file system keeps as it
 * is: `..` becomes {@link PARENT_FOLDER}, the characters above are escaped, and so is a final
 * `.` or space, which Windows drops. Ordinary names are unchanged, so committed baselines keep
 * their paths.
 */
function encodePart(part: string): string {
  if (part === '..') return PARENT_FOLDER
  if (UP_LIKE.test(part)) return `${part}_`
  const escaped = part.replace(ESCAPED, escape)
  return /[. ]$/.test(escaped) ? `${escaped.slice(0, -1)}${escape(escaped.slice(-1))}` : escaped
}

/** {@link encodePart} undone; `undefined` for a name it never writes. */
function decodePart(name: string): string | undefined {
  const part = name === PARENT_FOLDER ? '..' : UP_LIKE.test(name) ? name.slice(0, -1) : name.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  return part !== '' && part !== '.' && encodePart(part) === name ? part : undefined
}

/**
 * A test path (relative, `/`-separated) as a relative path of `/`-separated names that every
 * common file system keeps apart ({@link encodePart}); empty and `.` parts are dropped, and so is
 * a leading `/`. One test path, one result, and {@link decodeTestPath} gives the test path back.
 */
export function encodeTestPath(testFile: string): string {
  return testFile
    .split('/')
    .filter((p) => p !== '' && p !== '.')
    .map(encodePart)
    .join('/')
}

/** {@link encodeTestPath} undone; `undefined` for a path it never writes. */
export function decodeTestPath(path: string): string | undefined {
  const parts = path.split('/').map(decodePart)
  return parts.every((p) => p !== undefined) ? parts.join('/') : undefined
}

/**
 * Where the baselines of a test file live: `<dir>/<test file>.json`, always inside `<dir>`,
 * whatever the test file's path ({@link encodeTestPath}).
 *
 * @param dir - the folder of the project's baselines
 * @param testFile - the test file relative to the project root, with `/` separators
 */
export function baselinePath(dir: string, testFile: string): string {
  return join(dir, `${encodeTestPath(testFile)}.json`)
}

/**
 * The test file whose baselines are at `file` (relative to the baselines' folder,
 * `/`-separated): {@link baselinePath} undone; `undefined` for a file that no test file's
 * baselines would be written to (not `.json`, or a name perfspec does not write).
 */
export function testFileOf(file: string): string | undefined {
  return file.endsWith('.json') ? decodeTestPath(file.slice(0, -'.json'.length)) : undefined
}
