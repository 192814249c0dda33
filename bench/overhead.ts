/**
 * perfspec plugin overhead: what does adding the Vitest plugin cost a suite that has no
 * benchmarks at all?
 *
 *   npm run build && npx tsx bench/overhead.ts        # perfspec as a user installs it
 *   npx tsx bench/overhead.ts --plugin bench/fixtures/noop-plugin.ts   # stand-in plugin
 *
 * Flags:
 *   --plugin P    module whose default export is the plugin factory (`plugins: [factory()]`).
 *                 Default: this repository packed with `npm pack` and unpacked into the suite's
 *                 own node_modules/perfspec, imported as `perfspec/vitest`, so that Vite treats
 *                 it as an installed dependency exactly as in a user's project
 *   --reps N      measured runs per configuration (default 20)
 *   --files F     test files to generate (default 10)
 *   --tests T     trivial tests in all, spread over the files (default 200)
 *   --json        print one JSON document instead of text
 *   --keep        keep the generated suite under bench/.tmp/ (default: delete it)
 *
 * Method: generates T trivial tests in F files under bench/.tmp/overhead-suite/ (gitignored),
 * with two configs that differ only by `plugins: [plugin()]`. Runs `vitest run` on each, one
 * process at a time, in ABBA order (plain, plugin, plugin, plain, ...) after one discarded
 * warm-up run of each. The overhead is the median over reps of (plugin run / plain run − 1),
 * the two runs of a rep being back to back, with a bootstrap 95 % interval; the median wall
 * times of each configuration are printed too.
 * When the plugin module does not exist yet, both configs are plain (no-plugin vs no-plugin),
 * so the script still runs and shows the noise floor.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { seededRandom } from '../src/analyse/random.js'
import { median } from '../src/analyse/median.js'

const HERE = dirname(fileURLToPath(import.meta.url))
const ROOT = resolve(HERE, '..')
const SUITE = join(HERE, '.tmp', 'overhead-suite')
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs')
/** `--plugin` default: the packed package, installed into the suite. */
const PACKED = 'perfspec/vitest'

/**
 * Installs this repository into the suite as a user's `npm install` would: `npm pack`, then
 * unpack into node_modules/perfspec. Its dependencies resolve from the repository's own
 * node_modules further up the tree.
 */
function installPacked(): void {
  if (!existsSync(join(ROOT, 'dist', 'vitest', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first')
  const target = join(SUITE, 'node_modules', 'perfspec')
  mkdirSync(target, { recursive: true })
  const pack = spawnSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', SUITE], { cwd: ROOT, encoding: 'utf8' })
  const tarball = pack.stdout.trim().split('\n').at(-1)
  if (pack.status !== 0 || !tarball) throw new Error(`npm pack failed:\n${pack.stderr}`)
  const untar = spawnSync('tar', ['-xzf', join(SUITE, tarball), '-C', target, '--strip-components=1'], { encoding: 'utf8' })
  if (untar.status !== 0) throw new Error(`unpacking ${tarball} failed:\n${untar.stderr}`)
}

interface Options {
  plugin: string
  reps: number
  files: number
  tests: number
  json: boolean
  keep: boolean
}

function parseArgs(argv: string[]): Options {
  const opts: Options = {
    plugin: PACKED,
    reps: 20,
    files: 10,
    tests: 200,
    json: false,
    keep: false,
  }
  const whole = (flag: string, v: string | undefined, min: number) => {
    const n = Number(v)
    if (!Number.isInteger(n) || n < min) throw new Error(`${flag} takes a whole number >= ${min}, e.g. ${flag} 6`)
    return n
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    switch (a) {
      case '--plugin': opts.plugin = argv[++i] === undefined ? '' : resolve(argv[i]!); break
      case '--reps': opts.reps = whole(a, argv[++i], 1); break
      case '--files': opts.files = whole(a, argv[++i], 1); break
      case '--tests': opts.tests = whole(a, argv[++i], 1); break
      case '--json': opts.json = true; break
      case '--keep': opts.keep = true; break
      case '--help':
      case '-h':
        console.log('usage: npx tsx bench/overhead.ts [--plugin <path>] [--reps N] [--files F] [--tests T] [--json] [--keep]')
        process.exit(0)
      default:
        throw new Error(`unknown argument "${a}" (try --help)`)
    }
  }
  return opts
}

/** Writes the trivial suite and the two configs; returns the config paths. */
function generateSuite(opts: Options, usePlugin: boolean): { plain: string; withPlugin: string } {
  rmSync(SUITE, { recursive: true, force: true })
  mkdirSync(join(SUITE, 'tests'), { recursive: true })
  for (let f = 0; f < opts.files; f++) {
    // Spread T tests over F files as evenly as possible.
    const count = Math.floor(opts.tests / opts.files) + (f < opts.tests % opts.files ? 1 : 0)
    const lines = [`import { describe, expect, test } from 'vitest'`, ``, `describe('file ${f}', () => {`]
    for (let t = 0; t < count; t++) {
      lines.push(`  test('adds ${f}.${t}', () => {`, `    expect(${t} + ${f}).toBe(${t + f})`, `  })`)
    }
    lines.push(`})`, ``)
    writeFileSync(join(SUITE, 'tests', `file-${f}.test.ts`), lines.join('\n'))
  }
  const common = `test: { include: ['tests/**/*.test.ts'], watch: false }`
  const plain = join(SUITE, 'vitest.plain.config.mjs')
  writeFileSync(plain, `import { defineConfig } from 'vitest/config'\nexport default defineConfig({ ${common} })\n`)
  const withPlugin = join(SUITE, 'vitest.plugin.config.mjs')
  writeFileSync(
    withPlugin,
    usePlugin
      ? `import { defineConfig } from 'vitest/config'\nimport plugin from ${JSON.stringify(opts.plugin)}\n` +
          `export default defineConfig({ plugins: [plugin()], ${common} })\n`
      : `import { defineConfig } from 'vitest/config'\nexport default defineConfig({ ${common} })\n`,
  )
  return { plain, withPlugin }
}

/** Runs `vitest run` once; returns its wall time in seconds. */
function runVitest(config: string): number {
  const t0 = performance.now()
  const res = spawnSync(process.execPath, [VITEST, 'run', '--config', config, '--root', SUITE], {
    cwd: SUITE,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  })
  const wallS = (performance.now() - t0) / 1e3
  if (res.status !== 0) {
    const out = `${res.stdout ?? ''}\n${res.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n')
    throw new Error(`vitest run --config ${config} failed (exit ${res.status}):\n${out}`)
  }
  return wallS
}


/** Percentile-bootstrap 95 % interval of the median (fixed seed: the same data, the same interval). */
function bootstrapMedianInterval(xs: number[], rounds = 2000): [number, number] {
  const random = seededRandom(0x0e7e)
  const medians: number[] = []
  for (let r = 0; r < rounds; r++) medians.push(median(xs.map(() => xs[Math.floor(random() * xs.length)]!)))
  medians.sort((a, b) => a - b)
  return [medians[Math.floor(rounds * 0.025)]!, medians[Math.ceil(rounds * 0.975) - 1]!]
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2))
  const packed = opts.plugin === PACKED
  const usePlugin = packed || existsSync(opts.plugin)
  const note = usePlugin ? undefined : `plugin ${opts.plugin} not found: comparing no-plugin vs no-plugin`
  const { plain, withPlugin } = generateSuite(opts, usePlugin)
  if (packed) installPacked()
  const log = (s: string) => { if (!opts.json) process.stderr.write(s) }

  try {
    log('warm-up runs...\n')
    runVitest(plain)
    runVitest(withPlugin)
    const times = { plain: [] as number[], plugin: [] as number[] }
    for (let r = 0; r < opts.reps; r++) {
      // ABBA: even reps plain first, odd reps plugin first, so drift hits both alike.
      const order: Array<keyof typeof times> = r % 2 === 0 ? ['plain', 'plugin'] : ['plugin', 'plain']
      for (const which of order) times[which].push(runVitest(which === 'plain' ? plain : withPlugin))
      log(`rep ${r + 1}/${opts.reps}: plain ${times.plain.at(-1)!.toFixed(2)} s, plugin ${times.plugin.at(-1)!.toFixed(2)} s\n`)
    }
    const plainS = median(times.plain)
    const pluginS = median(times.plugin)
    // The two runs of a rep are back to back, so their ratio cancels the slow drifts of a shared
    // machine; the median ratio, with a bootstrap interval, is the figure to quote.
    const ratios = times.plugin.map((t, i) => t / times.plain[i]! - 1)
    const overhead = median(ratios)
    const [low, high] = bootstrapMedianInterval(ratios)
    if (opts.json) {
      console.log(JSON.stringify({ plugin: usePlugin ? opts.plugin : null, note, tests: opts.tests, files: opts.files, reps: opts.reps, wallS: times, medianS: { plain: plainS, plugin: pluginS }, minS: { plain: Math.min(...times.plain), plugin: Math.min(...times.plugin) }, overhead, overheadInterval95: [low, high] }, null, 2))
      return
    }
    console.log(`\nvitest run, ${opts.tests} trivial tests in ${opts.files} files, ${opts.reps} runs each (median wall time)`)
    const min = (xs: number[]) => Math.min(...xs).toFixed(3)
    console.log(`  without plugin: ${plainS.toFixed(3)} s   (min ${min(times.plain)} s)`)
    console.log(`  with plugin:    ${pluginS.toFixed(3)} s   (min ${min(times.plugin)} s)   ${usePlugin ? opts.plugin : 'no plugin: see note'}`)
    const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`
    console.log(`  overhead:       ${pct(overhead)} median of the ${opts.reps} paired runs (95 % interval ${pct(low)} to ${pct(high)}); medians differ by ${((pluginS - plainS) * 1e3).toFixed(0)} ms`)
    if (note) console.log(`\nNote: ${note}`)
  } finally {
    if (!opts.keep) rmSync(SUITE, { recursive: true, force: true })
  }
}

try {
  main()
} catch (err) {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
}
