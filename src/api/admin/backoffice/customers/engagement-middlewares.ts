import {
  authenticate,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
  type MiddlewareRoute,
} from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { validateBody, validateQuery } from "../../../utils/validation"
import { CUSTOMER_TIMELINE_MODULE } from "../../../../modules/customer-timeline"
import type CustomerTimelineModuleService from "../../../../modules/customer-timeline/service"
import {
  AdminSubscriptionBody,
  ConfirmBody,
  ConsentBody,
  CreateNoteBody,
  EmptyBody,
  NotesQuery,
  PageQuery,
  StoreSubscribeBody,
  SubscribersQuery,
  TimelineQuery,
  UpdateNoteBody,
} from "./engagement-validators"

/**
 * Before Medusa's own customer routes change a customer, note who does it so
 * the timeline entry written from the core `customer.updated` /
 * `customer.deleted` event names the admin user or the customer. Other
 * plugin routes that change core customer fields or delete customers through
 * Medusa's workflows can add it too (customer id from `:id` or the session).
 */
export function notePendingActor(actorType: "user" | "customer", idFrom: "param" | "actor") {
  return async (req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) => {
    try {
      const actor = (req as MedusaRequest & { auth_context?: { actor_id?: string } })
        .auth_context?.actor_id
      const customerId = idFrom === "param" ? req.params.id : actor
      if (actor && customerId) {
        const [customer] = await req.scope
          .resolve(Modules.CUSTOMER)
          .listCustomers({ id: customerId })
        if (customer) {
          const timeline: CustomerTimelineModuleService = req.scope.resolve(
            CUSTOMER_TIMELINE_MODULE
          )
          await timeline.markPendingActor(
            customer as unknown as Record<string, unknown>,
            { type: actorType, id: actor }
          )
        }
      }
    } catch {
      // The timeline never blocks a customer edit; the entry then says "System".
    }
    next()
  }
}

const customerAuth = authenticate("customer", ["session", "bearer"])

export const customerEngagementMiddlewares: MiddlewareRoute[] = [
  // notes
  {
    matcher: "/admin/backoffice/customers/:id/notes",
    method: ["GET"],
    middlewares: [validateQuery(NotesQuery)],
  },
  {
    matcher: "/admin/backoffice/customers/:id/notes",
    method: ["POST"],
    middlewares: [validateBody(CreateNoteBody)],
  },
  {
    matcher: "/admin/backoffice/customers/:id/notes/:note_id",
    method: ["POST"],
    middlewares: [validateBody(UpdateNoteBody)],
  },
  // consent and subscriptions
  {
    matcher: "/admin/backoffice/customers/:id/consent",
    method: ["POST"],
    middlewares: [validateBody(ConsentBody)],
  },
  {
    matcher: "/admin/backoffice/customers/:id/unsubscribe-all",
    method: ["POST"],
    middlewares: [validateBody(EmptyBody)],
  },
  {
    matcher: "/admin/backoffice/customers/:id/subscriptions",
    method: ["POST"],
    middlewares: [validateBody(AdminSubscriptionBody)],
  },
  {
    matcher: "/admin/backoffice/customers/:id/consent-history",
    method: ["GET"],
    middlewares: [validateQuery(PageQuery)],
  },
  {
    matcher: "/admin/backoffice/customers/:id/timeline",
    method: ["GET"],
    middlewares: [validateQuery(TimelineQuery)],
  },
  {
    matcher: "/admin/backoffice/categories/:id/subscribers",
    method: ["GET"],
    middlewares: [validateQuery(SubscribersQuery)],
  },
  // store (the logged-in customer only)
  {
    matcher: "/store/backoffice/consent",
    method: ["GET"],
    middlewares: [customerAuth],
  },
  {
    matcher: "/store/backoffice/consent",
    method: ["POST"],
    middlewares: [customerAuth, validateBody(ConsentBody)],
  },
  {
    matcher: "/store/backoffice/subscriptions",
    method: ["GET"],
    middlewares: [customerAuth],
  },
  {
    matcher: "/store/backoffice/subscriptions",
    method: ["POST"],
    middlewares: [customerAuth, validateBody(StoreSubscribeBody)],
  },
  {
    matcher: "/store/backoffice/subscriptions/confirm",
    method: ["POST"],
    middlewares: [validateBody(ConfirmBody)],
  },
  {
    matcher: "/store/backoffice/unsubscribe-all",
    method: ["POST"],
    middlewares: [customerAuth, validateBody(EmptyBody)],
  },
  // who changes a customer through Medusa's own routes (timeline actor)
  {
    matcher: "/admin/customers/:id",
    method: ["POST", "DELETE"],
    middlewares: [notePendingActor("user", "param")],
  },
  {
    matcher: "/store/customers/me",
    method: ["POST"],
    middlewares: [customerAuth, notePendingActor("customer", "actor")],
  },
]
