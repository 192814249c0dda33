import v8 from 'node:v8'
import { HeapGraph } from '../analyse/heap-graph.js'
import { parseSnapshot, type HeapSnapshot } from '../analyse/heap-snapshot.js'
import { withInspector } from './inspector-session.js'

/**
 * Takes a heap snapshot of this process (V8 collects garbage first) and returns its JSON text.
 * `v8.getHeapSnapshot()` streams it straight from V8, at about half the cost of the inspector
 * protocol, which wraps every chunk in a message. Blocks while V8 writes it; the cost grows with
 * the heap.
 */
export async function takeHeapSnapshot(): Promise<string> {
  await prepareScripts()
  const chunks: Buffer[] = []
  for await (const chunk of v8.getHeapSnapshot()) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString()
}

/**
 * Node 20's V8 writes, for every function in a snapshot, its line and column, and finds them by
 * scanning its script's source from the start unless the script's line ends are known: in a
 * process that loaded a large bundled script (TypeScript, which ts-jest loads into every Jest
 * worker), a snapshot then takes many times longer. Turning the debugger on lists
 * every script with its line ends, which V8 keeps; it is turned off again at once. Node 22's V8
 * finds line ends by itself.
 */
async function prepareScripts(): Promise<void> {
  if (Number(process.versions.node.split('.')[0]) >= 22) return
  await withInspector(async (post) => {
    await post('Debugger.enable')
    await post('Debugger.disable')
  }).catch(() => undefined)
}

/** A heap snapshot's nodes and strings, without its edges: enough to count objects. */
export async function heapCensusSnapshot(): Promise<HeapSnapshot> {
  return parseSnapshot(await takeHeapSnapshot())
}

/**
 * A heap snapshot as a graph, with the objects of `marks` found in it: each value is held, while
 * the snapshot is taken, by a property named after its key on an object made for the purpose,
 * so that the key (make it unique) leads to exactly that object's node.
 */
export async function heapGraphWith<K extends string>(marks: Record<K, object>): Promise<{ graph: HeapGraph; nodes: Record<K, number | undefined> }> {
  const holder = { ...marks }
  const graph = new HeapGraph(parseSnapshot(await takeHeapSnapshot(), { edges: true }))
  const nodes = {} as Record<K, number | undefined>
  for (const key of Object.keys(holder) as K[]) nodes[key] = graph.propertyTarget(key)
  return { graph, nodes }
}

let marks = 0

/** A property name no other object in the heap uses, to find a marked object in a snapshot. */
export function uniqueMark(what: string): string {
  marks += 1
  return `perfspec ${what} mark ${process.pid}.${marks}.${Math.random().toString(36).slice(2)}`
}
