import { AB_ENV, parseAbEnvironment } from '../model/ab-environment.js'
import type { AbSide } from '../model/ab.js'

/**
 * The side this process runs for `perfspec ab`, or `undefined` outside an A/B run. In A/B mode
 * the reporters neither read, write nor prune baselines and write no report: `perfspec ab`
 * judges from the paired blocks and writes the A/B report itself.
 *
 * @throws TypeError naming `PERFSPEC_AB` when it is set but unreadable
 */
export function abModeSide(env: NodeJS.ProcessEnv = process.env): AbSide | undefined {
  return parseAbEnvironment(env[AB_ENV])?.side
}
