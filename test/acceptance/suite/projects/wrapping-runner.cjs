// A runner of the user's that wraps Jest's own, as jest-runner-groups does.
const JestRunner = require('jest-runner').default

module.exports = class WrappingRunner extends JestRunner {}
