import type { Clock } from '../clock.js'
import type { CallLog } from './call-log.js'

/**
 * Makes one call of `fn` and logs it; never rejects. The latency runs from `from`: the moment
 * the call was made (closed model) or the moment it was scheduled (open model).
 */
export async function callOnce(fn: () => unknown, log: CallLog, clock: Clock, from: number): Promise<void> {
  log.start()
  try {
    await fn()
  } catch (error) {
    log.fail(error, clock.now())
    return
  }
  const end = clock.now()
  log.succeed(end - from, end)
}
