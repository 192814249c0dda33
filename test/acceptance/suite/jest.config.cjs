// Jest 29 and 30: the setup a Jest user writes.
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/tests/**/*.test.cjs'],
  // Type errors are not what this suite tests: transpile only. `isolatedModules` makes ts-jest
  // transpile each file alone, without TypeScript's type checker in the worker's heap, which
  // every heap snapshot of the retention checks walks.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false, tsconfig: { isolatedModules: true } }] },
  setupFilesAfterEnv: ['perfspec/jest/setup'],
  reporters: ['default', ['perfspec/jest/reporter', { threshold: '20%' }]],
}
