import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CUSTOMER_ENGAGEMENT_MODULE } from "../../../modules/customer-engagement"
import type CustomerEngagementModuleService from "../../../modules/customer-engagement/service"

const engagement = (container: { resolve: (k: string) => unknown }) =>
  container.resolve(CUSTOMER_ENGAGEMENT_MODULE) as CustomerEngagementModuleService

export type CreateNoteInput = {
  customer_id: string
  body: string
  pinned?: boolean
  author_id: string | null
}

export const createNoteStep = createStep(
  "cbo-create-customer-note",
  async (input: CreateNoteInput, { container }) => {
    const note = await engagement(container).createCustomerNotes({
      customer_id: input.customer_id,
      body: input.body,
      pinned: input.pinned ?? false,
      author_id: input.author_id,
    })
    return new StepResponse(note, note.id)
  },
  async (id, { container }) => {
    if (id) await engagement(container).deleteCustomerNotes(id)
  }
)

export type UpdateNoteInput = {
  id: string
  customer_id: string
  body?: string
  pinned?: boolean
  actor_id: string | null
}

type NoteState = {
  id: string
  body: string
  pinned: boolean
  updated_by: string | null
  revision_id: string | null
}

/** Updates a note; a changed text keeps the previous one as a revision. */
export const updateNoteStep = createStep(
  "cbo-update-customer-note",
  async (input: UpdateNoteInput, { container }) => {
    const svc = engagement(container)
    const [before] = await svc.listCustomerNotes({
      id: input.id,
      customer_id: input.customer_id,
    })
    if (!before) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Note ${input.id} not found`)
    }
    const bodyChanged = input.body !== undefined && input.body !== before.body
    const pinChanged = input.pinned !== undefined && input.pinned !== before.pinned
    // revision and change in one transaction: a failure leaves neither
    const { note, revision_id: revisionId } =
      bodyChanged || pinChanged
        ? await svc.reviseNote({
            id: before.id,
            body: bodyChanged ? input.body : undefined,
            pinned: pinChanged ? input.pinned : undefined,
            actor_id: input.actor_id,
            previous: { body: before.body, written_by: before.updated_by ?? before.author_id },
          })
        : { note: before, revision_id: null }
    const state: NoteState = {
      id: before.id,
      body: before.body,
      pinned: before.pinned,
      updated_by: before.updated_by,
      revision_id: revisionId,
    }
    return new StepResponse(
      { note, before: { body: before.body, pinned: before.pinned }, bodyChanged, pinChanged },
      state
    )
  },
  async (state, { container }) => {
    if (!state) return
    const svc = engagement(container)
    await svc.updateCustomerNotes({
      id: state.id,
      body: state.body,
      pinned: state.pinned,
      updated_by: state.updated_by,
    })
    if (state.revision_id) await svc.deleteCustomerNoteRevisions(state.revision_id)
  }
)

/** Soft-deletes a note (its text and history stay recoverable). */
export const deleteNoteStep = createStep(
  "cbo-delete-customer-note",
  async (input: { id: string; customer_id: string }, { container }) => {
    const svc = engagement(container)
    const [note] = await svc.listCustomerNotes({
      id: input.id,
      customer_id: input.customer_id,
    })
    if (!note) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Note ${input.id} not found`)
    }
    await svc.softDeleteCustomerNotes(note.id)
    return new StepResponse(note, note.id)
  },
  async (id, { container }) => {
    if (id) await engagement(container).restoreCustomerNotes(id)
  }
)
