import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { recordTimelineStep } from "../../timeline"
import {
  createNoteStep,
  deleteNoteStep,
  updateNoteStep,
  type CreateNoteInput,
  type UpdateNoteInput,
} from "../steps/notes"

export const NOTE_EVENTS = {
  CREATED: "customer_backoffice.note.created",
  UPDATED: "customer_backoffice.note.updated",
  DELETED: "customer_backoffice.note.deleted",
} as const

const excerpt = (text: string) => {
  const flat = text.replace(/\s+/g, " ").trim()
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat
}

export const createCustomerNoteWorkflow = createWorkflow(
  "cbo-create-customer-note",
  (input: CreateNoteInput) => {
    const note = createNoteStep(input)
    const entry = transform({ note, input }, ({ note, input }) => ({
      customer_id: note.customer_id,
      kind: "note.created",
      summary: `Note added: ${excerpt(note.body)}`,
      data: { note_id: note.id, pinned: note.pinned },
      actor_type: "user",
      actor_id: input.author_id,
    }))
    recordTimelineStep(entry)
    const eventData = transform({ note }, ({ note }) => ({
      id: note.id,
      customer_id: note.customer_id,
      author_id: note.author_id,
    }))
    emitEventStep({ eventName: NOTE_EVENTS.CREATED, data: eventData })
    return new WorkflowResponse(note)
  }
)

export const updateCustomerNoteWorkflow = createWorkflow(
  "cbo-update-customer-note",
  (input: UpdateNoteInput) => {
    const result = updateNoteStep(input)
    const entries = transform({ result, input }, ({ result, input }) => {
      const changes: { field: string; old: unknown; new: unknown }[] = []
      if (result.bodyChanged) {
        changes.push({ field: "body", old: result.before.body, new: result.note.body })
      }
      if (result.pinChanged) {
        changes.push({ field: "pinned", old: result.before.pinned, new: result.note.pinned })
      }
      if (!changes.length) return []
      const what = result.bodyChanged
        ? `Note edited: ${excerpt(result.note.body)}`
        : result.note.pinned
          ? `Note pinned: ${excerpt(result.note.body)}`
          : `Note unpinned: ${excerpt(result.note.body)}`
      return [
        {
          customer_id: input.customer_id,
          kind: "note.updated",
          summary: what,
          data: { note_id: result.note.id, changes },
          actor_type: "user",
          actor_id: input.actor_id,
        },
      ]
    })
    recordTimelineStep(entries)
    const eventData = transform({ result, input }, ({ result, input }) =>
      result.bodyChanged || result.pinChanged
        ? [
            {
              id: result.note.id,
              customer_id: input.customer_id,
              actor_id: input.actor_id,
              fields: [
                ...(result.bodyChanged ? ["body"] : []),
                ...(result.pinChanged ? ["pinned"] : []),
              ],
            },
          ]
        : []
    )
    emitEventStep({ eventName: NOTE_EVENTS.UPDATED, data: eventData })
    return new WorkflowResponse(result.note)
  }
)

export const deleteCustomerNoteWorkflow = createWorkflow(
  "cbo-delete-customer-note",
  (input: { id: string; customer_id: string; actor_id: string | null }) => {
    const note = deleteNoteStep(input)
    const entry = transform({ note, input }, ({ note, input }) => ({
      customer_id: note.customer_id,
      kind: "note.deleted",
      summary: `Note deleted: ${excerpt(note.body)}`,
      data: { note_id: note.id },
      actor_type: "user",
      actor_id: input.actor_id,
    }))
    recordTimelineStep(entry)
    const eventData = transform({ note, input }, ({ note, input }) => ({
      id: note.id,
      customer_id: note.customer_id,
      actor_id: input.actor_id,
    }))
    emitEventStep({ eventName: NOTE_EVENTS.DELETED, data: eventData })
    return new WorkflowResponse(note)
  }
)
