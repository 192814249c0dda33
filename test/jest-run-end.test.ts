import { describe, expect, test } from 'vitest'
import { jestRunProblems, type JestRunFacts, type JestStartedFile } from '../src/run/jest-run-end.js'
import { runProblemText } from '../src/report/status-text.js'

// What a Jest run's report says of the run itself, decided from the facts the reporter gathers.
const ended = (facts: Partial<JestRunFacts> = {}): JestRunFacts => ({ ran: 2, total: 2, bail: false, started: [], globalsRefused: false, sharedNames: [], ...facts })
const file = (f: Partial<JestStartedFile> = {}): JestStartedFile => ({ file: 'a.test.ts', reported: true, checked: true, runsTests: true, listsSetup: true, setupNoted: false, ...f })

describe('jestRunProblems', () => {
  test('a whole run whose files all reported in has no problem and may write baselines', () => {
    expect(jestRunProblems(ended({ started: [file(), file({ file: 'b.test.ts' })] }))).toEqual({ problems: [], interrupted: false })
  })

  test('lost records, or an error Jest ended the run with, say all there is of the files: nothing may be written', () => {
    const unreported = [file({ reported: false })]
    expect(jestRunProblems(ended({ recordsLost: '/tmp/x', runError: 'boom', started: unreported }))).toEqual({ problems: [{ kind: 'records-lost', folder: '/tmp/x' }], interrupted: true })
    expect(jestRunProblems(ended({ runError: 'boom', ran: 1, started: unreported }))).toEqual({ problems: [{ kind: 'runner-error', runner: 'Jest', message: 'boom', allRan: false }], interrupted: true })
    expect(jestRunProblems(ended({ runError: 'boom' })).problems).toEqual([{ kind: 'runner-error', runner: 'Jest', message: 'boom', allRan: true }])
    // Jest that does not say how many files it was to run: not "after every file".
    expect(jestRunProblems(ended({ runError: 'boom', total: undefined })).problems).toMatchObject([{ allRan: false }])
  })

  test('probe 38 #2: files --bail left unrun cut the run short; the setup check still runs over those that ran', () => {
    const end = jestRunProblems(ended({ ran: 1, total: 4, bail: true, started: [file({ reported: false, listsSetup: false })] }))
    expect(end).toEqual({ problems: [{ kind: 'cut-short', runner: 'Jest', ran: 1, total: 4, bail: true }, { kind: 'setup-missing' }], interrupted: true })
    expect(runProblemText(end.problems[0]!)).toMatch(/^Jest stopped the run at a failing test \(bail\) after 1 of 4 test files ran/)
  })

  test('probe 33 #4, 34 #1, 35 #1: a project without the setup, and files that loaded it but never reported in, one problem per project', () => {
    const end = jestRunProblems(ended({
      started: [
        file({ file: 'a.test.ts', project: 'web', reported: false, listsSetup: false }),
        file({ file: 'b.test.ts', project: 'web', reported: false, listsSetup: false }),
        // Noted by a setup file of the user's that requires perfspec's: loaded, not handed the folder.
        file({ file: 'c.test.ts', project: 'api', reported: false, listsSetup: false, setupNoted: true, environment: './env.js' }),
        file({ file: 'd.test.ts', project: 'api', reported: false, environment: './env.js' }),
        // Not checked (did not run to a result), and a linter's runner without the setup: left out.
        file({ file: 'e.test.ts', project: 'db', reported: false, listsSetup: false, checked: false }),
        file({ file: 'f.js', project: 'lint', reported: false, listsSetup: false, runsTests: false }),
      ],
    }))
    expect(end).toEqual({
      problems: [
        { kind: 'setup-missing', project: 'web' },
        { kind: 'setup-not-handed', project: 'api', environment: './env.js', files: ['c.test.ts', 'd.test.ts'] },
      ],
      interrupted: false,
    })
    expect(runProblemText(end.problems[0]!)).toContain('Jest project "web" does not load perfspec\'s setup file')
    expect(runProblemText(end.problems[1]!)).toMatch(/^test files c\.test\.ts, d\.test\.ts of Jest project "api" loaded perfspec's setup file but never received/)
  })

  test('globals Jest refused and files two same-named projects ran fail the run, whatever else it says', () => {
    const end = jestRunProblems(ended({ recordsLost: '/tmp/x', globalsRefused: true, sharedNames: [{ project: 'p', file: 'a.test.ts' }] }))
    expect(end.problems.map((p) => p.kind)).toEqual(['records-lost', 'globals-refused', 'shared-project-name'])
    expect(runProblemText(end.problems[2]!)).toMatch(/^Jest projects named "p" both ran a\.test\.ts/)
  })
})
