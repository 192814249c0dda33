import inspector from 'node:inspector'

/** Sends one inspector protocol command; resolves with its result. */
export type InspectorPost = (method: string, params?: object) => Promise<Record<string, any>>

/** Listens to an inspector protocol event (`Runtime.executionContextCreated`) for the session's life. */
export type InspectorOn = (event: string, listener: (message: { params: Record<string, any> }) => void) => void

/**
 * Runs `use` with an inspector session connected to this very thread (the main thread, or the
 * worker it runs in), and disconnects it after. `undefined` when Node has no inspector (built
 * without it) or it cannot connect.
 */
export async function withInspector<T>(use: (post: InspectorPost, on: InspectorOn) => Promise<T>): Promise<T | undefined> {
  let session: inspector.Session
  try {
    session = new inspector.Session()
    session.connect()
  } catch {
    return undefined
  }
  const post: InspectorPost = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params ?? {}, (error: Error | null, result?: object) => (error ? reject(error) : resolve((result ?? {}) as Record<string, any>))))
  try {
    return await use(post, (event, listener) => session.on(event, listener as (message: object) => void))
  } finally {
    session.disconnect()
  }
}
