import { MedusaService } from "@medusajs/framework/utils"
import ImportRun from "./models/import-run"
import ImportRow from "./models/import-row"
import type { Logger } from "@medusajs/framework/types"
import { parsePluginOptions, type PluginOptions } from "../../lib/options"
import { customerFileStore, describePlan } from "../../lib/customer-files/store"

/**
 * CSV import runs and their staged rows. The heavy lifting (staging,
 * validation, commit, undo) is set-based SQL in src/lib/customer-import;
 * this service holds the records and the plugin options.
 */
class CustomerImportModuleService extends MedusaService({
  ImportRun,
  ImportRow,
}) {
  readonly options: PluginOptions

  constructor(deps: Record<string, unknown>, moduleOptions: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options = parsePluginOptions(moduleOptions)
    this.logger_ = deps.logger as Logger | undefined
  }

  private readonly logger_?: Logger

  __hooks = {
    /**
     * The boot check of where customer files are stored: says which store
     * is used and, when Medusa's file provider would publish private files,
     * what to configure. A refused configuration is logged as an error and
     * every write of a customer file fails with the same message.
     */
    onApplicationStart: async () => {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { container } = require("@medusajs/framework")
        const { level, message } = describePlan(customerFileStore(container, this.options).plan)
        const logger = this.logger_ ?? console
        logger[level](message)
      } catch (e) {
        ;(this.logger_ ?? console).warn(
          `[customer-backoffice] could not check where customer files are stored: ${(e as Error).message}`
        )
      }
    },
  }
}

export default CustomerImportModuleService
