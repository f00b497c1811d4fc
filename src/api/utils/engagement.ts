import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { CUSTOMER_ENGAGEMENT_MODULE } from "../../modules/customer-engagement"
import type CustomerEngagementModuleService from "../../modules/customer-engagement/service"
import { CUSTOMER_TIMELINE_MODULE } from "../../modules/customer-timeline"
import type CustomerTimelineModuleService from "../../modules/customer-timeline/service"

export type AuthedRequest = MedusaRequest & {
  auth_context?: { actor_id?: string; actor_type?: string }
  validatedBody?: unknown
  validatedQuery?: unknown
}

export function engagementService(req: MedusaRequest): CustomerEngagementModuleService {
  return req.scope.resolve(CUSTOMER_ENGAGEMENT_MODULE)
}

export function timelineService(req: MedusaRequest): CustomerTimelineModuleService {
  return req.scope.resolve(CUSTOMER_TIMELINE_MODULE)
}

export function actorId(req: MedusaRequest): string | null {
  return (req as AuthedRequest).auth_context?.actor_id ?? null
}

export function body<T>(req: MedusaRequest): T {
  return (req as AuthedRequest).validatedBody as T
}

export function query<T>(req: MedusaRequest): T {
  return (req as AuthedRequest).validatedQuery as T
}

/** The customer of the path; 404 when it does not exist (or was deleted). */
export async function requireCustomer(req: MedusaRequest, id = req.params.id) {
  const customers = req.scope.resolve(Modules.CUSTOMER)
  const [customer] = await customers.listCustomers({ id })
  if (!customer) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer ${id} was not found`)
  }
  return customer
}

/** The category (customer group); 400 on a body field, 404 on a path. */
export async function requireGroup(
  req: MedusaRequest,
  id: string,
  asField?: string
) {
  const customers = req.scope.resolve(Modules.CUSTOMER)
  const [group] = await customers.listCustomerGroups({ id }, { select: ["id", "name"] })
  if (!group) {
    if (asField) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${asField}: no category with id ${id}`
      )
    }
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Category ${id} was not found`)
  }
  return group as { id: string; name: string }
}

/** id → name of the categories a customer's subscriptions or history mention. */
export async function groupNames(req: MedusaRequest, ids: (string | null)[]) {
  const unique = [...new Set(ids.filter((x): x is string => !!x))]
  if (!unique.length) return {} as Record<string, string>
  const customers = req.scope.resolve(Modules.CUSTOMER)
  const groups = await customers.listCustomerGroups(
    { id: unique },
    { select: ["id", "name"], withDeleted: true }
  )
  return Object.fromEntries(groups.map((g) => [g.id, g.name ?? g.id]))
}


/** id → display name of admin users (authors, actors). */
export async function userNames(req: MedusaRequest, ids: (string | null | undefined)[]) {
  const unique = [...new Set(ids.filter((x): x is string => !!x))]
  if (!unique.length) return {} as Record<string, string>
  const users = await req.scope.resolve(Modules.USER).listUsers({ id: unique })
  return Object.fromEntries(
    users.map((u) => [u.id, [u.first_name, u.last_name].filter(Boolean).join(" ") || u.email])
  )
}

/** A spreadsheet cell that cannot run as a formula (CSV injection). */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? "" : String(value)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s
}

/** Opt-out flag + subscriptions: what the Marketing widget shows. */
export async function consentState(req: MedusaRequest, customerId: string) {
  const svc = engagementService(req)
  const [marketing_opt_out, subscriptions] = await Promise.all([
    svc.getOptOut(customerId),
    svc.listMailingSubscriptions(
      { customer_id: customerId },
      {
        select: [
          "id",
          "customer_group_id",
          "status",
          "confirmed_at",
          "unsubscribed_at",
          "token_expires_at",
          "created_at",
          "updated_at",
        ],
        order: { created_at: "ASC" },
      }
    ),
  ])
  const names = await groupNames(req, subscriptions.map((s) => s.customer_group_id))
  return {
    customer_id: customerId,
    marketing_opt_out,
    subscriptions: subscriptions.map((s) => ({
      ...s,
      category_name: names[s.customer_group_id] ?? null,
    })),
  }
}

