import { baselineEntryOf } from '../../src/compare/baseline-entry.js'
import type { BenchResult } from '../../src/model/bench-result.js'
import type { Environment } from '../../src/model/environment.js'
import { DEFAULT_GATE } from '../../src/model/gate.js'
import type { WorkerGateConfig } from '../../src/run/worker-config.js'
import { latencies, resultOf } from './synthetic-result.js'

/** One benchmark, its baseline's machine and the worker's gate, for tests of the worker's gate. */
export const id = 'a.test.ts > t > b'
export const env: Environment = { os: 'Linux 6.1', arch: 'x64', cpu: 'Test CPU', cores: 2, memory: 4e9, node: 'v20.20.0', ci: true, speed: { ns: 5, version: 1 } }
/** The same machine class as {@link env}: another kernel and Node patch release. */
export const fingerprint = { os: 'Linux 6.2', arch: 'x64', cpu: 'Test CPU', cores: 2, node: 'v20.19.1' }
export const config: WorkerGateConfig = { baselineDir: '/x', gate: DEFAULT_GATE, update: 'none', confirm: 2, baselineAttempts: 3, crossMachine: false, pause: 300 }
/** A synthetic result of the benchmark, `factor` times slower than the baseline's code. */
export const at = (factor: number, seed: number): BenchResult => resultOf(id, latencies(3000, seed).map((v) => v * factor))
export const previous = baselineEntryOf(at(1, 1), env, 't')
