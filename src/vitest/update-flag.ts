import type { UpdateMode } from '../model/gate.js'
import { argumentError, withoutStack } from '../units/argument-error.js'

/**
 * The baseline update mode that Vitest's update flag asks for, read from `vitest.config.update`
 * (the `--update`/`-u` flag, or `test.update` in the config), which Vitest 4 and 5 hand over as
 * given: `true` for a bare `-u`, the string otherwise (`--update=none` is `'none'`,
 * `--update=false` is the string `'false'`), `false` when the flag is absent or `--no-update`.
 *
 * - `-u`, `--update`, `--update=all`, `--update=true`: `'all'`, every baseline of the benchmarks
 *   that ran rewritten, obsolete entries removed;
 * - `--update=new`: `'new'`, missing baselines written (in CI too), existing ones compared;
 * - `--update=none`: `'none'`, nothing written (a missing baseline is reported as new);
 * - absent, `--no-update`, `--update=false`: `undefined`, no request: `PERFSPEC_UPDATE`, the
 *   `update` option, then CI decide. (Vitest's own snapshots take the string `'false'` as
 *   "update all"; perfspec does not rewrite every baseline on a flag that reads false.)
 *
 * @param argv - the command line, to tell `-u t/b` (a file filter taken for the flag's value) from `--update=t/b`
 * @throws TypeError naming `--update` for a value that is none of these, its stack left out: a
 *   refusal of the command line, which Vitest prints with the stack it has
 */
export function vitestUpdateMode(value: unknown, argv: readonly string[] = process.argv): UpdateMode | undefined {
  if (value === undefined || value === null || value === false || value === '' || value === 'false') return undefined
  if (value === true || value === 'true' || value === 'all') return 'all'
  if (value === 'new' || value === 'none') return value
  // `-u t/b`: Vitest takes the word after the flag as its value, so a file filter there is lost.
  const split = typeof value === 'string' && argv.some((arg, i) => (arg === '-u' || arg === '--update') && argv[i + 1] === value)
  const instead = split ? `Vitest reads the word after -u as its value; to update the baselines of the files "${value}" names, put the filter first (vitest run ${value} -u) or write --update=all ${value}` : undefined
  throw withoutStack(argumentError("Vitest's --update (-u) flag", value, 'one of all, new, none, true or false (e.g. --update=new)', instead))
}
