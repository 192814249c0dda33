import type { HeapGraph } from '../../analyse/heap-graph.js'
import { unnamedScopeSlots, type SlotNames } from '../../analyse/retainer-path.js'
import { withInspector, type InspectorPost } from '../inspector-session.js'

/** Remote objects perfspec asks for are held under this group, and released together. */
const GROUP = 'perfspec-scope-names'

/**
 * Names the scope variables of a path that the heap snapshot leaves unnamed (see
 * `unnamedScopeSlots`), as a debugger would: through an inspector session of this very thread,
 * the function the path went through is fetched by its snapshot id
 * (`HeapProfiler.getObjectByHeapObjectId`), its scopes listed (`[[Scopes]]`, as the debugger
 * shows a closure's), and the variable whose value has the snapshot id of the path's next node
 * (`HeapProfiler.getHeapObjectId`) is the one. Names nothing when the inspector is unavailable.
 */
export async function scopeSlotNames(graph: HeapGraph, edges: readonly number[]): Promise<SlotNames> {
  const names = new Map<number, string>()
  const slots = unnamedScopeSlots(graph, edges)
  if (slots.length === 0) return names
  await withInspector(async (post) => {
    try {
      for (const slot of slots) {
        const name = await variableHolding(post, graph.nodeId(slot.closure), graph.nodeId(slot.value)).catch(() => undefined)
        if (name !== undefined) names.set(slot.edge, name)
      }
    } finally {
      await post('Runtime.releaseObjectGroup', { objectGroup: GROUP }).catch(() => undefined)
    }
  })
  return names
}

/** The variable, in the scopes of the function with snapshot id `closureId`, holding the object with snapshot id `valueId`. */
async function variableHolding(post: InspectorPost, closureId: number, valueId: number): Promise<string | undefined> {
  const fn = await post('HeapProfiler.getObjectByHeapObjectId', { objectId: String(closureId), objectGroup: GROUP })
  const objectId = fn.result?.objectId as string | undefined
  if (!objectId) return undefined
  const own = await post('Runtime.getProperties', { objectId, ownProperties: true })
  const scopes = (own.internalProperties as Array<{ name: string; value?: { objectId?: string } }> | undefined)?.find((p) => p.name === '[[Scopes]]')?.value?.objectId
  if (!scopes) return undefined
  const list = await post('Runtime.getProperties', { objectId: scopes, ownProperties: true })
  for (const scope of list.result as Array<{ value?: { objectId?: string; description?: string } }>) {
    // The global object's properties and a script's top-level variables are named in snapshots.
    if (!scope.value?.objectId || /^(Global|Script)/.test(scope.value.description ?? '')) continue
    const variables = await post('Runtime.getProperties', { objectId: scope.value.objectId, ownProperties: true })
    for (const variable of variables.result as Array<{ name: string; value?: { objectId?: string } }>) {
      if (!variable.value?.objectId) continue
      const id = await post('HeapProfiler.getHeapObjectId', { objectId: variable.value.objectId })
      if (Number(id.heapSnapshotObjectId) === valueId) return variable.name
    }
  }
  return undefined
}
