/**
 * `perfspec/vitest`: the Vitest plugin (default export) and the reporter class.
 *
 * ```ts
 * import { defineConfig } from 'vitest/config'
 * import perf from 'perfspec/vitest'
 * export default defineConfig({ plugins: [perf()] })
 * ```
 */
import { perf } from './plugin.js'

export { perf, REPORTER_NAME } from './plugin.js'
export { PerfReporter } from './reporter.js'
export type { PerfOptions } from '../run/options.js'
export default perf
