import { CUSTOMER_IMPORT_MODULE } from "../../modules/customer-import"
import type CustomerImportModuleService from "../../modules/customer-import/service"
import { customerFileStore, type CustomerFileStore } from "./store"

export * from "./store"

type Resolver = { resolve: <T = unknown>(key: string) => T }

/** The store of the files holding customer data, configured by the plugin options. */
export function customerFiles(container: Resolver): CustomerFileStore {
  const options = container.resolve<CustomerImportModuleService>(CUSTOMER_IMPORT_MODULE).options
  return customerFileStore(container, options)
}
