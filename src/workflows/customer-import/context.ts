import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CUSTOMER_IMPORT_MODULE } from "../../modules/customer-import"
import type CustomerImportModuleService from "../../modules/customer-import/service"
import { loadImportContext } from "../../lib/customer-import/validate"
import { loadRunLabels } from "../../lib/customer-import/labels"
import { phoneCountries } from "../../lib/validation/phone-country"

type Resolver = { resolve<T = unknown>(key: string): T }

export function importService(container: Resolver): CustomerImportModuleService {
  return container.resolve(CUSTOMER_IMPORT_MODULE)
}

export function importKnex(container: Resolver): Knex {
  return container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
}

/**
 * Validation context with the plugin's options (default country, email
 * rule) and, for a run, the merchant's choices for its new categories and
 * choices. `review`: new categories and choices are allowed (the review and
 * its edits); off for the commit, which runs after confirming created them.
 */
export async function importContext(container: Resolver, opts: { runId?: string; review?: boolean } = {}) {
  const options = importService(container).options
  const knex = importKnex(container)
  const labels = opts.runId ? await loadRunLabels(knex, opts.runId) : null
  return loadImportContext(knex, {
    defaultCountry: await phoneCountries(container, options.defaultCountry),
    emailRequired: options.emailRequired,
    allowNew: opts.review ?? false,
    labelMap: labels?.map ?? null,
  })
}
