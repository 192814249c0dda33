import type { Clock } from '../clock.js'
import type { CallLog } from './call-log.js'
import type { CallTimeouts } from './call-timeouts.js'

/**
 * Makes one call of `fn` and logs it; never rejects. The latency runs from `from`: the moment
 * the call was made (closed model) or the moment it was scheduled (open model). A call that has
 * not settled `timeouts.timeout` ms after `from` is logged as timed out and resolves then; if it
 * settles later, that is ignored.
 */
export function callOnce(fn: () => unknown, log: CallLog, clock: Clock, from: number, timeouts: CallTimeouts): Promise<void> {
  return new Promise((done) => {
    log.start()
    let open = true
    const watched = timeouts.watch(from, () => {
      if (!open) return
      open = false
      log.timeOut(timeouts.timeout, clock.now())
      done()
    })
    const fail = (error: unknown) => {
      if (!open) return
      open = false
      timeouts.settled(watched)
      log.fail(error, clock.now())
      done()
    }
    let pending: unknown
    try {
      pending = fn()
    } catch (error) {
      fail(error)
      return
    }
    // Settled as `await fn()` would be: one promise job after `fn`'s own promise settles.
    Promise.resolve(pending).then(() => {
      if (!open) return
      const end = clock.now()
      open = false
      timeouts.settled(watched)
      log.succeed(end - from, end)
      done()
    }, fail)
  })
}
