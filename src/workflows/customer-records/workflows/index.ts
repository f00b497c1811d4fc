import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  emitEventStep,
  generateResetPasswordTokenWorkflow,
  updateCustomersWorkflow,
} from "@medusajs/medusa/core-flows"
import { deleteCustomerFilesStep } from "../../customer-io/expire-files"
import { storeCustomerPhotoStep } from "../steps/photo-file"
import type { ProfileOrigin } from "../../../modules/customer-records/models/customer-profile"
import { validateProfileStep } from "../steps/validate-profile"
import { upsertProfilesStep, type ProfileData } from "../steps/upsert-profiles"
import { findCustomersByEmailStep } from "../steps/find-customers-by-email"
import { markEmailBouncedStep } from "../steps/mark-email-bounced"
import { checkPasswordResetStep } from "../steps/password-reset"
import { currentPhotoStep } from "../steps/current-profile"
import {
  createReferralSourceStep,
  deleteReferralSourceStep,
  updateReferralSourceStep,
} from "../steps/referral-sources"

export const PROFILE_UPDATED_EVENT = "customer_backoffice.profile.updated"

export type CoreCustomerUpdate = {
  first_name?: string | null
  last_name?: string | null
  email?: string | null
  phone?: string | null
  company_name?: string | null
}

export type UpdateCustomerProfileInput = {
  customer_id: string
  profile: ProfileData
  core?: CoreCustomerUpdate
  /** Passed to the core workflow's hook: the phone as typed, whether the email changed. */
  additional_data?: { phone_original?: string | null; email_changed?: boolean }
  origin_if_new: ProfileOrigin
}

/**
 * Updates a customer's profile and, optionally, the core customer fields
 * (through Medusa's updateCustomersWorkflow, compensated if the profile
 * write fails). Emits customer_backoffice.profile.updated with the names of
 * the fields that changed.
 */
export const updateCustomerProfileWorkflow = createWorkflow(
  "cbo-update-customer-profile",
  (input: UpdateCustomerProfileInput) => {
    validateProfileStep(
      transform({ input }, ({ input }) => ({
        customer_id: input.customer_id,
        referral_source_id: input.profile.referral_source_id as string | null | undefined,
        customer_number: input.profile.customer_number as string | null | undefined,
      }))
    )
    when({ input }, ({ input }) => !!input.core && Object.keys(input.core).length > 0).then(
      () => {
        updateCustomersWorkflow.runAsStep({
          input: transform({ input }, ({ input }) => ({
            selector: { id: input.customer_id },
            update: input.core!,
            additional_data: input.additional_data ?? {},
          })),
        })
      }
    )
    const result = upsertProfilesStep(
      transform({ input }, ({ input }) => ({
        updates: [
          {
            customer_id: input.customer_id,
            origin_if_new: input.origin_if_new,
            data: {
              ...input.profile,
              ...(input.additional_data?.email_changed
                ? { email_invalid_at: null }
                : {}),
              ...(input.core && "phone" in input.core
                ? { phone_original: input.additional_data?.phone_original ?? null }
                : {}),
            },
          },
        ],
      }))
    )
    const event = transform({ input, result }, ({ input, result }) => {
      const fields = new Set<string>(result.changes.flatMap((c) => c.fields))
      for (const key of Object.keys(input.core ?? {})) fields.add(key)
      return { customer_id: input.customer_id, fields: [...fields] }
    })
    when({ event }, ({ event }) => event.fields.length > 0).then(() => {
      emitEventStep({ eventName: PROFILE_UPDATED_EVENT, data: event })
    })
    const profile = transform({ result }, ({ result }) => result.profiles[0])
    return new WorkflowResponse({ profile, changed: event })
  }
)

export type SetCustomerPhotoInput = {
  customer_id: string
  origin_if_new: ProfileOrigin
  /** content in base64 */
  file: { ext: string; mimeType: string; content: string }
}

/** Stores a new photo as a customer file (served by the admin route only) and replaces the old one. */
export const setCustomerPhotoWorkflow = createWorkflow(
  "cbo-set-customer-photo",
  (input: SetCustomerPhotoInput) => {
    validateProfileStep(
      transform({ input }, ({ input }) => ({ customer_id: input.customer_id }))
    )
    const previous = currentPhotoStep(
      transform({ input }, ({ input }) => ({ customer_id: input.customer_id }))
    )
    const stored = storeCustomerPhotoStep(
      transform({ input }, ({ input }) => ({ customer_id: input.customer_id, ...input.file }))
    )
    const result = upsertProfilesStep(
      transform({ input, stored }, ({ input, stored }) => ({
        updates: [
          {
            customer_id: input.customer_id,
            origin_if_new: input.origin_if_new,
            data: { photo_file_id: stored.key, photo_url: stored.url },
          },
        ],
      }))
    )
    when({ previous }, ({ previous }) => !!previous.photo_file_id).then(() => {
      deleteCustomerFilesStep(
        transform({ previous }, ({ previous }) => ({ file_ids: [previous.photo_file_id as string] }))
      )
    })
    emitEventStep({
      eventName: PROFILE_UPDATED_EVENT,
      data: transform({ input }, ({ input }) => ({
        customer_id: input.customer_id,
        fields: ["photo_url"],
      })),
    })
    return new WorkflowResponse(
      transform({ result }, ({ result }) => result.profiles[0])
    )
  }
)

/** Removes the photo from the profile, then deletes the file. */
export const removeCustomerPhotoWorkflow = createWorkflow(
  "cbo-remove-customer-photo",
  (input: { customer_id: string }) => {
    validateProfileStep(input)
    const previous = currentPhotoStep(input)
    const result = upsertProfilesStep(
      transform({ input }, ({ input }) => ({
        updates: [
          {
            customer_id: input.customer_id,
            data: { photo_file_id: null, photo_url: null },
          },
        ],
      }))
    )
    when({ previous }, ({ previous }) => !!previous.photo_file_id).then(() => {
      deleteCustomerFilesStep(
        transform({ previous }, ({ previous }) => ({ file_ids: [previous.photo_file_id as string] }))
      )
      emitEventStep({
        eventName: PROFILE_UPDATED_EVENT,
        data: transform({ input }, ({ input }) => ({
          customer_id: input.customer_id,
          fields: ["photo_url"],
        })),
      })
    })
    return new WorkflowResponse(
      transform({ result }, ({ result }) => result.profiles[0] ?? null)
    )
  }
)

/** Marks every customer with this email as having an invalid (bounced) address. */
export const markEmailBouncedWorkflow = createWorkflow(
  "cbo-mark-email-bounced",
  (input: { email: string; attempted_at: string }) => {
    const customers = findCustomersByEmailStep(input)
    const result = markEmailBouncedStep(
      transform({ input, customers }, ({ input, customers }) => ({
        customers: customers.map((c) => ({
          id: c.id,
          has_account: !!c.has_account,
          created_by: c.created_by ?? null,
        })),
        attempted_at: input.attempted_at,
      }))
    )
    const events = transform({ result }, ({ result }) =>
      result.changes.map((c) => ({ customer_id: c.customer_id, fields: c.fields }))
    )
    when({ events }, ({ events }) => events.length > 0).then(() => {
      emitEventStep({ eventName: PROFILE_UPDATED_EVENT, data: events })
    })
    return new WorkflowResponse(
      transform({ customers }, ({ customers }) => ({
        customer_ids: customers.map((c) => c.id),
      }))
    )
  }
)

/**
 * Starts Medusa's customer password-reset flow (the `auth.password_reset`
 * event a notification provider turns into an email). Registered customers only.
 */
export const sendCustomerPasswordResetWorkflow = createWorkflow(
  "cbo-send-customer-password-reset",
  (input: { customer_id: string; secret: string; jwtOptions?: Record<string, unknown> }) => {
    const login = checkPasswordResetStep(input)
    generateResetPasswordTokenWorkflow.runAsStep({
      input: transform({ input, login }, ({ input, login }) => ({
        entityId: login.email,
        actorType: "customer",
        provider: "emailpass",
        secret: input.secret,
        jwtOptions: input.jwtOptions as never,
        metadata: { requested_by: "staff" },
      })),
    })
    return new WorkflowResponse(
      transform({ login }, ({ login }) => ({ email: login.email }))
    )
  }
)

export const createReferralSourceWorkflow = createWorkflow(
  "cbo-create-referral-source",
  (input: { name: string; rank?: number; active?: boolean }) =>
    new WorkflowResponse(createReferralSourceStep(input))
)

export const updateReferralSourceWorkflow = createWorkflow(
  "cbo-update-referral-source",
  (input: { id: string; name?: string; rank?: number; active?: boolean }) =>
    new WorkflowResponse(updateReferralSourceStep(input))
)

export const deleteReferralSourceWorkflow = createWorkflow(
  "cbo-delete-referral-source",
  (input: { id: string }) => new WorkflowResponse(deleteReferralSourceStep(input))
)
export * from "./create-customer"
