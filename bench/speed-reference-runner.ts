/**
 * One speed reference in one fresh process, for bench/speed-reference.ts (which spawns it):
 *
 *   npx tsx bench/speed-reference-runner.ts
 *
 * Prints the SpeedReference as one line of JSON on stdout.
 */
import { measureSpeedReference } from '../src/measure/speed-reference.js'

process.stdout.write(`${JSON.stringify(measureSpeedReference())}\n`)
