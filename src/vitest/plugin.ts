import { createRequire } from 'node:module'
import { dirname, join } from 'pathe'
import type { Plugin } from 'vite'
import type { Vitest } from 'vitest/node'
import { resolvePerfOptions, type PerfOptions, type ResolvedPerfOptions } from '../run/options.js'
import { encodeWorkerGate, WORKER_GATE_ENV, workerGateConfig } from '../run/worker-config.js'
import { PerfReporter, perfReporterOptions } from './reporter.js'
import { BlobRunMarker } from './shard-mark.js'
import { baselineTexts } from '../adapters/kept-files.js'
import { checkedAtExit } from './checked-at-exit.js'
import { vitestUpdateMode } from './update-flag.js'
import { abModeSide } from '../run/ab-mode.js'
import { takeFromEnv } from '../run/hand-over-env.js'
import { handToTestFiles } from './hand-over.js'
import { AB_ENV } from '../model/ab-environment.js'
import { differingOptions, projectLabel, projectOptionsText } from './project-options.js'
import { markProjects, positionalProjectError, positionalProjectNames } from './projects.js'
import { markRun } from './run-mark.js'
import { refuseClashingOutputs } from './runner-outputs.js'
import { reportRefusedRun } from './refused-run.js'
import { reportPaths } from '../run/root-paths.js'
import { withoutStack } from '../units/argument-error.js'
import { projectBaselineDir } from '../run/baseline-folder.js'

/** The name `--reporter=perf` gives the perfspec reporter. */
export const REPORTER_NAME = 'perf'

/** The options of the first `perf()` that configured each run, and whose they were: see {@link differingOptions}. */
const runOptions = new WeakMap<Vitest, { options: ResolvedPerfOptions; label: string }>()

/** Absolute path of the setup module Vitest loads in every test worker. */
function setupFile(): string {
  const require = createRequire(import.meta.url)
  const pkg = require.resolve('perfspec/package.json')
  return join(dirname(pkg), 'dist', 'vitest', 'setup.js')
}

/** Vitest's own default test timeout, ms. */
const VITEST_TIMEOUT = 5000

/**
 * Gives a project that this plugin configures the setup file and the test timeout its `config`
 * hook adds, when the project lacks them: Vitest 5 resolves an inline project that shares the
 * declaring config's server (`extends`, by default) from that config's test options as written,
 * without what plugins added, so its files would load no perfspec setup. Before any worker starts.
 *
 * @param timeout - perfspec's test timeout, ms, when the declaring config set none
 */
function inheritSetup(config: unknown, timeout: number | undefined): void {
  const test = config as { setupFiles?: unknown; testTimeout?: unknown } | undefined
  if (!test || !Array.isArray(test.setupFiles)) return
  const setup = setupFile()
  if (test.setupFiles.includes(setup)) return
  test.setupFiles.push(setup)
  if (timeout !== undefined && test.testTimeout === VITEST_TIMEOUT) test.testTimeout = timeout
}

/** Throws a refusal of the run's setup, a perf run's report rewritten first to fail with it (not by `perfspec ab`'s sides, which write none). */
async function refused(vitest: Vitest, report: ResolvedPerfOptions | undefined, writesReport: boolean, error: unknown): Promise<never> {
  if (report && writesReport) await reportRefusedRun(vitest, report, error)
  throw error
}

/**
 * The perfspec Vitest plugin: `plugins: [perf()]` in `vitest.config.ts`. It registers the
 * `perf` reporter name (`vitest --reporter=perf`), adds the setup file that attributes
 * benchmarks to tests (and finds their lines for annotations from the call stack, since
 * `includeTaskLocation` would cost every test of the suite a stack trace) and gives tests a
 * longer default timeout (`testTimeout`, 60 s) when the config sets none, since benchmarks take
 * time.
 * It leaves `fileParallelism` alone: forcing files to run one at a time would slow every suite,
 * benchmarks or not; suites of benchmarks set `fileParallelism: false` themselves.
 * Listed in several Vitest projects, its options must agree: a run has one reporter, one
 * baseline folder and one gate, and differing options are refused, naming the projects. In a
 * perf run each such project needs a name (see `positionalProjectError`).
 */
export function perf(options: PerfOptions = {}): Plugin {
  const resolved = resolvePerfOptions(options)
  // Whether the config this plugin is listed in set no test timeout (perfspec's default then applies).
  let ownTimeout = false
  return {
    name: 'perfspec',
    config(config) {
      const test = (config as { test?: Record<string, unknown> }).test ?? {}
      ownTimeout = test.testTimeout === undefined
      return {
        test: {
          // Vite merges arrays by appending, so the user's own setup files stay and run first.
          setupFiles: [setupFile()],
          ...(test.testTimeout === undefined && { testTimeout: resolved.testTimeout }),
        },
      } as Record<string, unknown>
    },
    configureVitest({ vitest, project }: { vitest: Vitest; project?: { name?: string; provide?: unknown; config?: unknown } }) {
      inheritSetup(project?.config, ownTimeout ? resolved.testTimeout : undefined)
      const label = projectLabel(project?.name)
      const first = runOptions.get(vitest)
      if (!first) runOptions.set(vitest, { options: resolved, label })
      else {
        const differences = differingOptions(resolved, first.options, first.label)
        if (differences.length > 0) throw withoutStack(new TypeError(projectOptionsText(label, first.label, differences)))
      }
      const reporters = vitest.config.reporters as unknown[]
      let named = false
      for (let i = 0; i < reporters.length; i++) {
        const entry = reporters[i]
        const name = Array.isArray(entry) ? entry[0] : entry
        if (name === REPORTER_NAME) {
          const own = Array.isArray(entry) ? (entry[1] as PerfOptions | undefined) : undefined
          const reporter = new PerfReporter({ ...options, ...own })
          reporter.noteBaselinesEarly(vitest.config.root, vitest.config.watch)
          reporters[i] = reporter
          named = true
        }
      }
      // `perfspec ab` runs its sides without the perf reporter: its variable leaves the environment
      // here, so that a runner a test starts does not join the run; the test files are handed it.
      const abEnv = takeFromEnv(AB_ENV)
      // The perf reporters' options, those named here and those the config made itself.
      const reports = reporters.flatMap((r) => {
        const own = r instanceof PerfReporter ? perfReporterOptions.get(r) : undefined
        return own ? [own] : []
      })
      // Here, not as the run starts: Vitest's coverage empties its folder, and its junit reporter
      // its file, before any reporter starts (probe 58).
      if (!first) {
        const root = vitest.config.root
        try {
          refuseClashingOutputs(vitest.config, projectBaselineDir(root, resolved.baselineDir, 'plugin option "baselineDir"'))
          for (const own of reports) refuseClashingOutputs(vitest.config, projectBaselineDir(root, own.baselineDir, 'perf reporter option "baselineDir"'), reportPaths(root, own))
        } catch (error) {
          return refused(vitest, reports[0], !abModeSide({ [AB_ENV]: abEnv }), error)
        }
      }
      // A perf run's projects need names of their own: their ids, and so their baselines, carry them.
      const declared = (vitest.config as { projects?: unknown[] }).projects
      const perfRun = reporters.some((r) => r instanceof PerfReporter)
      if (perfRun && Array.isArray(declared) && declared.length > 0 && project?.name && positionalProjectNames([project.name]).length > 0) throw withoutStack(new TypeError(positionalProjectError(project.name)))
      // `--reporter=perf` alone replaces Vitest's default output: keep the usual progress too.
      if (named && !reporters.some((r) => !(r instanceof PerfReporter))) reporters.unshift(['default', {}])
      // A shard writing blobs (`--shard=i/n --reporter=blob`) has no perf reporter: its workers
      // still confirm suspects and measure baselines several times, as the merged run will judge.
      const blobAt = reporters.findIndex((r) => (Array.isArray(r) ? r[0] : r) === 'blob')
      const blob = blobAt >= 0
      if (blob && !named && !reporters.some((r) => r instanceof PerfReporter) && !abModeSide({ [AB_ENV]: abEnv })) {
        process.env[WORKER_GATE_ENV] = encodeWorkerGate(workerGateConfig(vitest.config.root, resolved, vitestUpdateMode(vitest.config.update)))
      }
      // A blob holds only the files that ran: what a run stopped early left out, it is told by a
      // mark the blob reporter copies with the run's errors, so it must come first (a merge has none).
      if (blob && !abModeSide({ [AB_ENV]: abEnv }) && !reporters.some((r) => r instanceof BlobRunMarker)) reporters.splice(blobAt, 0, new BlobRunMarker(resolved, checkedAtExit(vitest.config) ? baselineTexts({ root: vitest.config.root, options: resolved }) : undefined))
      // Ids carry the project in every run, as in a perf run's (a blob shard's are merged and
      // judged against a perf run's baselines; an A/B side's pair with the other side's).
      if (!perfRun) markProjects(declared)
      // A run that gathers what its files measure: a file of it without perfspec's setup refuses to measure.
      markRun(perfRun || blob || abModeSide({ [AB_ENV]: abEnv }) ? vitest.config.root : undefined)
      // To every project of the run, those without perf() too (they refuse to measure by it). Again
      // by the perf reporter, once it has set its own.
      handToTestFiles(vitest.projects ?? (project ? [project] : []), { [AB_ENV]: abEnv })
    },
  } as Plugin
}
