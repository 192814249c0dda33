// Jest only: two mistakes the reporter must name rather than report a PASS with results missing.
// Two projects share a displayName and run the same file (their benchmarks' ids clash), and a
// third lacks perfspec's setup file (its tests record nothing), as does a fourth whose runner wraps
// Jest's (as jest-runner-groups does), which the reporter's check leaves out: there `bench()` fails its test.
const shared = { testEnvironment: 'node', testMatch: ['<rootDir>/projects/*.test.cjs'] }
const withSetup = { ...shared, setupFilesAfterEnv: ['perfspec/jest/setup'] }

module.exports = {
  projects: [
    { ...withSetup, displayName: 'twin' },
    { ...withSetup, displayName: 'twin' },
    { ...shared, displayName: 'nosetup' },
    { ...shared, displayName: 'wrapped', runner: '<rootDir>/projects/wrapping-runner.cjs' },
  ],
  reporters: ['default', 'perfspec/jest/reporter'],
}
