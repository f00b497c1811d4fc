import { AsyncLocalStorage } from "node:async_hooks"

/**
 * What the plugin's middlewares on core customer routes learned about the
 * request, for the core workflow hooks. Core admin routes pass
 * `additional_data` to the workflows; core store routes do not, so the
 * same facts travel in this request-scoped context as well.
 */
export type CustomerWriteContext = {
  phone_original?: string | null
  email_changed?: boolean
  origin?: "admin" | "storefront"
}

export const customerWriteContext = new AsyncLocalStorage<CustomerWriteContext>()
