import type { CustomerDataTable } from "../../types/customer-data"
import { ADDRESS_COLUMNS } from "./columns"

/** Medusa's customer module, and the account holder payment providers keep per customer. */
export const CORE_CUSTOMER_TABLES: CustomerDataTable[] = [
  {
    table: "customer",
    owner: "core:customer",
    reach: { column: "id" },
    personal: {
      email: "email",
      first_name: "name",
      last_name: "name",
      company_name: "name",
      phone: "phone",
      metadata: "json",
    },
    merge: "combine",
    forget: "anonymise",
    export: "include",
    why: {
      merge: "the survivor keeps its own values and takes the duplicate's where it has none; the duplicate is soft-deleted",
      forget: "orders, carts and ledgers keep pointing at the row; email and names are replaced, has_account cleared",
    },
  },
  {
    table: "customer_address",
    owner: "core:customer",
    reach: { column: "customer_id" },
    personal: { address_name: "free-text", ...ADDRESS_COLUMNS },
    merge: "move",
    forget: "delete",
    export: "include",
  },
  {
    table: "customer_group_customer",
    owner: "core:customer",
    reach: { column: "customer_id" },
    personal: { metadata: "json" },
    notPersonal: { customer_group_id: "the group (category) id" },
    merge: "combine",
    forget: "delete",
    export: "include",
    why: { merge: "the survivor joins the duplicate's groups it is not in already (one row per group)" },
  },
  {
    table: "customer_account_holder",
    owner: "core:link",
    reach: { column: "customer_id" },
    personal: {},
    merge: "move",
    forget: "delete",
    export: "include",
  },
  {
    table: "account_holder",
    owner: "core:payment",
    reach: [
      { via: "customer_account_holder", column: "account_holder_id" },
      { value: "external_id", matches: ["id"] },
    ],
    personal: { email: "email", external_id: "identifier", data: "json", metadata: "json" },
    merge: "follows-parent",
    forget: "anonymise",
    export: "include",
    why: {
      merge: "moves with its customer_account_holder link; the provider's own customer record is not merged",
      forget:
        "deleted through the payment module before the erasure, so the provider deletes its copy (deleteAccountHolder); a row left behind is anonymised",
    },
  },
]
