import { MedusaService } from "@medusajs/framework/utils"
import ImportRun from "./models/import-run"
import ImportRow from "./models/import-row"
import { parsePluginOptions, type PluginOptions } from "../../lib/options"

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
  }
}

export default CustomerImportModuleService
