import { AssertionError } from 'node:assert'
import { describe, expect, test } from 'vitest'
import { processError } from '@vitest/utils/error'
import { expectLatency, PerfAssertionError } from '../src/index'
import { fixedResult } from './support/fixed-result'

// What each runner reads from a thrown error to print it. Jest (jest-circus, formatNodeAssertErrors)
// renders any error it takes for node:assert's — `instanceof AssertionError`, the name
// 'AssertionError' or the code 'ERR_ASSERTION' — as "Expected value … Received: … Compared values
// have no visual difference" above the message; otherwise it prints the stack, whose first line
// is `<name>: <message>`. Vitest prints `<name>: <message>`, adds a diff when the error has
// `showDiff`, or `expected` and `actual`, and lists its other own properties as "Serialized Error".

function failure(): PerfAssertionError {
  const r = fixedResult(0.0612)
  try {
    expectLatency(r).p95.toBeLessThan('50us')
  } catch (error) {
    return error as PerfAssertionError
  }
  throw new Error('the expectation passed')
}

const message = 'p95 latency of "cache.get" was 61.2µs ±1.1% (n=4,120), expected < 50.0µs (22% over)'

describe('a failing expectation, as the runners see it', () => {
  test('Jest does not take it for a node:assert error, and prints the message as the first line of the stack', () => {
    const error = failure()
    expect(error).toBeInstanceOf(PerfAssertionError)
    expect(error).not.toBeInstanceOf(AssertionError)
    expect(error.name).not.toBe(AssertionError.name)
    expect((error as { code?: unknown }).code).not.toBe('ERR_ASSERTION')
    expect(error.stack!.split('\n')[0]).toBe(`PerfAssertionError: ${message}`)
  })

  test('Vitest prints name and message with no diff and no serialized properties', () => {
    const error = failure()
    expect(error.message).toBe(message)
    expect(Object.getOwnPropertyNames(error).sort()).toEqual(['message', 'name', 'stack'])
    const processed = processError(error) as { diff?: unknown; name: string; message: string }
    expect(processed.diff).toBeUndefined()
    expect(`${processed.name}: ${processed.message}`).toBe(`PerfAssertionError: ${message}`)
  })
})
