import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { moveLegacyCustomerFiles } from "../lib/customer-files/legacy"

/**
 * Runs once, on the `medusa db:migrate` after upgrading: customer files that
 * earlier versions stored where they could be served publicly (photos as
 * public files; uploads, backups and exports as "private" files of a
 * provider that publishes them) are moved into the customer-file store.
 */
export default async function moveCustomerFilesPrivate({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const { moved, missing } = await moveLegacyCustomerFiles(container)
  logger.info(
    `[customer-backoffice] moved ${moved} customer file(s) out of the File module's public reach` +
      (missing ? `; ${missing} file(s) referenced by records were already gone` : "")
  )
}
