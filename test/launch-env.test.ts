import { afterEach, expect, test, vi } from 'vitest'

const saved = process.env
afterEach(() => {
  process.env = saved
  delete saved.PERFSPEC_TEST_LAUNCH
})

test("probe 30 #2: a test that replaces process.env (jest.replaceProperty, process.env = {…}) keeps what perfspec's runner handed it; a value set now wins", async () => {
  process.env.PERFSPEC_TEST_LAUNCH = '/tmp/perfspec-jest-0/123-abcdef'
  const { encodeWorkerGate, workerGateConfig, WORKER_GATE_ENV } = await import('../src/run/worker-config')
  const { resolvePerfOptions } = await import('../src/run/options')
  const gate = workerGateConfig('/project', resolvePerfOptions({}), 'none', true)
  process.env[WORKER_GATE_ENV] = encodeWorkerGate(gate)
  vi.resetModules()
  const { launchEnv } = await import('../src/measure/launch-env')
  const { readWorkerGate } = await import('../src/run/worker-config')
  delete saved[WORKER_GATE_ENV]
  process.env = { HOSTNAME: 'localhost' }
  expect(launchEnv().PERFSPEC_TEST_LAUNCH).toBe('/tmp/perfspec-jest-0/123-abcdef')
  expect(launchEnv().HOSTNAME).toBe('localhost')
  process.env.PERFSPEC_TEST_LAUNCH = 'set on purpose'
  expect(launchEnv().PERFSPEC_TEST_LAUNCH).toBe('set on purpose')
  // The worker gate's config, read by each bench() in a test process, survives the replacement.
  expect(readWorkerGate()).toEqual(gate)
})

test('probe 31 #1: what a runner adapter handed through the global fills in what a setup file took away before perfspec loaded', async () => {
  vi.resetModules()
  const { launchEnv, HANDED_ENV_GLOBAL } = await import('../src/measure/launch-env')
  const realm = globalThis as Record<string, unknown>
  realm[HANDED_ENV_GLOBAL] = { PERFSPEC_TEST_HANDED: '/tmp/perfspec-jest-0/9-abcdef', NOT_A_STRING: 3 }
  try {
    process.env = { HOSTNAME: 'localhost' }
    expect(launchEnv().PERFSPEC_TEST_HANDED).toBe('/tmp/perfspec-jest-0/9-abcdef')
    expect(launchEnv()).not.toHaveProperty('NOT_A_STRING')
  } finally {
    delete realm[HANDED_ENV_GLOBAL]
  }
})

test("probe 33 #1: once the runner adapter handed perfspec's variables, a runner a test starts in the same process (startVitest, runCLI) cannot redirect them by setting its own in process.env", async () => {
  vi.resetModules()
  const { launchEnv, HANDED_ENV_GLOBAL } = await import('../src/measure/launch-env')
  const realm = globalThis as Record<string, unknown>
  realm[HANDED_ENV_GLOBAL] = { PERFSPEC_TEST_GATE: 'outer' }
  try {
    process.env = { ...saved, PERFSPEC_TEST_GATE: 'inner', PERFSPEC_TEST_PROJECTS: '1', HOSTNAME: 'here' }
    expect(launchEnv().PERFSPEC_TEST_GATE).toBe('outer')
    expect(launchEnv()).not.toHaveProperty('PERFSPEC_TEST_PROJECTS')
    // Other variables are the process's own, as they are now.
    expect(launchEnv().HOSTNAME).toBe('here')
  } finally {
    delete realm[HANDED_ENV_GLOBAL]
  }
})
