import { MedusaError, Modules } from "@medusajs/framework/utils"
import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { createCustomersWorkflow } from "@medusajs/medusa/core-flows"
import { createCustomerCategoryWorkflow, setCustomerCategoriesWorkflow } from "../../customer-categories/workflows"
import { updateCustomerStoresWorkflow } from "../../customer-stores/workflows"
import { changeConsentWorkflow } from "../../customer-engagement/workflows/consent"
import { createCustomerNoteWorkflow } from "../../customer-engagement/workflows/notes"
import { updateCustomerLoyaltyWorkflow } from "../../customer-points/workflows"
import type { NewCustomerAddress } from "../../../types/customer-records"

export type CreateBackofficeCustomerInput = {
  actor_id: string | null
  email: string | null
  first_name: string | null
  last_name: string | null
  company_name: string | null
  /** E.164, and as typed */
  phone: string | null
  phone_original: string | null
  address: NewCustomerAddress | null
  /** Sales channel ids; empty or absent: every store. */
  stores: string[] | null
  /** Existing categories (customer group ids). */
  categories: string[]
  /** A category created with the customer ("add new"). */
  new_category: string | null
  marketing_opt_out: boolean
  note: string | null
  loyalty: boolean
}

type Pg = { raw: (sql: string, b: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }

/**
 * Everything that can be refused is checked before anything is written: the
 * email no other customer uses (409 naming that customer), the stores and
 * categories exist, the new category's name is free. Stores default to all.
 */
export const checkNewCustomerStep = createStep(
  "cbo-check-new-customer",
  async (input: CreateBackofficeCustomerInput, { container }) => {
    const pg = container.resolve("__pg_connection__") as Pg
    if (input.email) {
      const { rows } = await pg.raw(
        "SELECT id FROM customer WHERE lower(email) = lower(?) AND deleted_at IS NULL ORDER BY has_account DESC LIMIT 1",
        [input.email]
      )
      if (rows[0]) {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `email: customer ${rows[0].id} already has this email — open that customer instead`
        )
      }
    }
    const channels = await container
      .resolve(Modules.SALES_CHANNEL)
      .listSalesChannels(input.stores?.length ? { id: input.stores } : {}, { select: ["id"] })
    if (input.stores?.length) {
      const known = new Set(channels.map((c) => c.id))
      const missing = input.stores.filter((id) => !known.has(id))
      if (missing.length) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `stores: unknown stores ${missing.join(", ")}`)
      }
    }
    if (input.categories.length) {
      const groups = await container
        .resolve(Modules.CUSTOMER)
        .listCustomerGroups({ id: input.categories }, { select: ["id"] })
      const known = new Set(groups.map((g) => g.id))
      const missing = input.categories.filter((id) => !known.has(id))
      if (missing.length) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `categories: unknown categories ${missing.join(", ")}`)
      }
    }
    if (input.new_category) {
      const { rows } = await pg.raw(
        "SELECT id FROM customer_group WHERE lower(name) = lower(?) AND deleted_at IS NULL LIMIT 1",
        [input.new_category]
      )
      if (rows[0]) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `new_category: a category named "${input.new_category}" already exists — choose it in the list`
        )
      }
    }
    return new StepResponse({ stores: input.stores?.length ? input.stores : channels.map((c) => c.id) })
  }
)

/**
 * "+ New customer": the customer (Medusa's createCustomersWorkflow, as staff
 * create them: In-Store), their address, stores, categories (and a new one),
 * marketing opt-out, a first note and loyalty enrolment — one workflow, so a
 * failure at any step undoes the steps before it.
 */
export const createBackofficeCustomerWorkflow = createWorkflow(
  "cbo-create-backoffice-customer",
  (input: CreateBackofficeCustomerInput) => {
    const checked = checkNewCustomerStep(input)
    const created = createCustomersWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({
        customersData: [
          {
            email: input.email ?? undefined,
            first_name: input.first_name,
            last_name: input.last_name,
            company_name: input.company_name,
            phone: input.phone,
            created_by: input.actor_id ?? undefined,
            addresses: input.address
              ? [
                  {
                    ...input.address,
                    first_name: input.first_name,
                    last_name: input.last_name,
                    is_default_shipping: true,
                    is_default_billing: true,
                  },
                ]
              : [],
          },
        ],
        additional_data: { origin: "admin", phone_original: input.phone_original },
      })),
    })
    const customerId = transform({ created }, ({ created }) => (created as { id: string }[])[0].id)

    updateCustomerStoresWorkflow.runAsStep({
      input: transform({ checked, customerId }, ({ checked, customerId }) => ({
        changes: [{ customer_id: customerId, set: checked.stores }],
      })),
    })

    const newCategory = when({ input }, ({ input }) => !!input.new_category).then(() =>
      createCustomerCategoryWorkflow.runAsStep({
        input: transform({ input }, ({ input }) => ({
          name: input.new_category as string,
          created_by: input.actor_id,
        })),
      })
    )
    const categoryIds = transform({ input, newCategory }, ({ input, newCategory }) => [
      ...new Set([...input.categories, ...(newCategory ? [(newCategory as { id: string }).id] : [])]),
    ])
    when({ categoryIds }, ({ categoryIds }) => categoryIds.length > 0).then(() => {
      setCustomerCategoriesWorkflow.runAsStep({
        input: transform({ categoryIds, customerId }, ({ categoryIds, customerId }) => ({
          customer_id: customerId,
          category_ids: categoryIds,
        })),
      })
    })

    when({ input }, ({ input }) => input.marketing_opt_out).then(() => {
      changeConsentWorkflow.runAsStep({
        input: transform({ input, customerId }, ({ input, customerId }) => ({
          customer_id: customerId,
          source: "admin" as const,
          actor_id: input.actor_id,
          marketing_opt_out: true,
        })),
      })
    })

    when({ input }, ({ input }) => !!input.note).then(() => {
      createCustomerNoteWorkflow.runAsStep({
        input: transform({ input, customerId }, ({ input, customerId }) => ({
          customer_id: customerId,
          body: input.note as string,
          author_id: input.actor_id,
        })),
      })
    })

    when({ input }, ({ input }) => input.loyalty).then(() => {
      updateCustomerLoyaltyWorkflow.runAsStep({
        input: transform({ input, customerId }, ({ input, customerId }) => ({
          customer_id: customerId,
          enrolled: true,
          actor_id: input.actor_id,
        })),
      })
    })

    return new WorkflowResponse({ id: customerId })
  }
)
