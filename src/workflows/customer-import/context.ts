import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CUSTOMER_IMPORT_MODULE } from "../../modules/customer-import"
import type CustomerImportModuleService from "../../modules/customer-import/service"
import { loadImportContext } from "../../lib/customer-import/validate"

type Resolver = { resolve<T = unknown>(key: string): T }

export function importService(container: Resolver): CustomerImportModuleService {
  return container.resolve(CUSTOMER_IMPORT_MODULE)
}

export function importKnex(container: Resolver): Knex {
  return container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
}

/** Validation context with the plugin's options (default country, email rule). */
export async function importContext(container: Resolver) {
  const options = importService(container).options
  return loadImportContext(importKnex(container), {
    defaultCountry: options.defaultCountry,
    emailRequired: options.emailRequired,
  })
}
