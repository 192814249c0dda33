/** An async lookup with an in-memory "database": the code under test in `async-lookup.test.ts`. */
const table = new Map<string, { name: string; roles: string[] }>()
for (let i = 0; i < 10_000; i++) table.set(`user-${i}`, { name: `User ${i}`, roles: i % 10 === 0 ? ['admin'] : ['reader'] })

/** Resolves on the microtask queue, as a cached call of an async client does. */
export async function findUser(id: string): Promise<{ name: string; roles: string[] } | undefined> {
  await Promise.resolve()
  return table.get(id)
}

/** Waits for a timer first, as a call that goes through the event loop (I/O) does. */
export async function findUserSlow(id: string, delayMs = 1): Promise<{ name: string; roles: string[] } | undefined> {
  await new Promise((resolve) => setTimeout(resolve, delayMs))
  return table.get(id)
}
