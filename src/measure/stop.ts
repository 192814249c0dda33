import { clearTimeout, setTimeout } from 'node:timers'
import { thrownText } from './thrown-text.js'

/**
 * Why a benchmark stopped before it finished: its `signal` was aborted, or the test it runs in
 * timed out or ended. `reason` is the signal's reason (the runner's timeout error, for one).
 */
export class StoppedError extends Error {
  override readonly name = 'StoppedError'
  constructor(readonly reason: unknown) {
    super(`stopped before it finished: ${thrownText(reason)}`, { cause: reason })
  }
}

/** Throws a {@link StoppedError} when `signal` has been aborted. */
export function throwIfStopped(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new StoppedError(signal.reason)
}

/** One signal that aborts when any of several does, and a way to stop listening to them. */
export interface StopSignal {
  /** Undefined when no signal was given: nothing can stop the benchmark but its budget. */
  signal: AbortSignal | undefined
  /** Removes the listeners from the given signals (a test's signal outlives its benchmarks). */
  release(): void
}

/**
 * Combines the signals that may stop a benchmark (the `signal` option, the test's own). Written
 * out rather than `AbortSignal.any`, which Node 20 gained only in 20.3.
 */
export function anySignal(signals: ReadonlyArray<AbortSignal | undefined>): StopSignal {
  const given = signals.filter((s): s is AbortSignal => s !== undefined)
  if (given.length === 0) return { signal: undefined, release: () => undefined }
  if (given.length === 1) return { signal: given[0], release: () => undefined }
  const controller = new AbortController()
  const aborted = given.find((s) => s.aborted)
  if (aborted) {
    controller.abort(aborted.reason)
    return { signal: controller.signal, release: () => undefined }
  }
  const listeners = given.map((s) => {
    const listener = () => controller.abort(s.reason)
    s.addEventListener('abort', listener, { once: true })
    return () => s.removeEventListener('abort', listener)
  })
  return { signal: controller.signal, release: () => listeners.forEach((remove) => remove()) }
}

/**
 * Settles as `pending` does, or rejects with a {@link StoppedError} as soon as `signal` aborts:
 * an awaited call that never settles cannot hold a stopped benchmark. The call itself is
 * abandoned, not cancelled.
 */
export function unlessStopped<T>(pending: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new StoppedError(signal.reason))
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new StoppedError(signal.reason))
    signal.addEventListener('abort', onAbort, { once: true })
    pending.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

/**
 * Waits `ms` on a real timer (from `node:timers`, which fake timers leave alone), or less: it
 * resolves, its timer cleared, as soon as `signal` aborts. Never rejects.
 */
export function sleepUnlessStopped(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}
