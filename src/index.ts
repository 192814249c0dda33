/**
 * perfspec: benchmarks inside ordinary tests. `bench()` measures; the `expect*` functions assert
 * on what it measured; the runner plugins (`perfspec/vitest`, `perfspec/jest/*`) report and gate.
 */
export { bench } from './bench.js'
export type { BenchOptions, BaselineMetric } from './measure/options.js'
export type { BenchResult, LatencyStats, LatencyStat, SamplingInfo, LoadInfo, PerItemStats } from './model/bench-result.js'
export type { Clock } from './measure/clock.js'
export type { Scheduler } from './measure/load/scheduler.js'
export type { StoppingRule, SamplingProgress, StopReason } from './measure/stopping-rule.js'
export { expectLatency, type LatencyMatchers, type LatencyLimitMatchers } from './assert/latency.js'
export type { FasterThanOptions } from './assert/faster-than.js'
export { expectErrors, type ErrorMatchers, type ErrorLimitMatchers } from './assert/error-rate.js'
export { expectThroughput, type ThroughputMatchers } from './assert/throughput.js'
export { expectCpu, type CpuMatchers, type CpuLimitMatchers } from './assert/cpu.js'
export { expectNoLeak, type LeakResult, type LeakOptions, type Suspect } from './assert/leak.js'
export { expectCollected, type CollectedResult, type CollectedOptions, type CollectedTarget } from './assert/collected.js'
export { collectable, Collectable } from './assert/collectable.js'
export { expectInstances, type InstancesResult, type InstancesOptions, type InstancesMatchers, type CountMethod } from './assert/instances.js'
export { PerfAssertionError } from './assert/assertion-error.js'
export type { Duration } from './units/duration.js'
export type { Rate } from './units/rate.js'
export type { Fraction } from './units/percent.js'
export type { ByteSize } from './units/bytes.js'
