// Jest only: one test file that three projects run. Two are named (`displayName`, as a string
// and as `{ name, color }`); the third has none and lives in its own folder, which names it.
const { join } = require('node:path')

const shared = {
  testEnvironment: 'node',
  setupFilesAfterEnv: ['perfspec/jest/setup'],
}

module.exports = {
  projects: [
    { ...shared, displayName: 'alpha', testMatch: ['<rootDir>/projects/*.test.cjs'] },
    { ...shared, displayName: { name: 'beta', color: 'blue' }, testMatch: ['<rootDir>/projects/*.test.cjs'] },
    { ...shared, rootDir: join(__dirname, 'projects'), testMatch: ['<rootDir>/*.test.cjs'] },
  ],
  reporters: ['default', 'perfspec/jest/reporter'],
}
