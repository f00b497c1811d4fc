import type { CustomerDataTable } from "../../types/customer-data"

const PAYMENT_RECORD =
  "a payment is a financial record: kept, with provider data and metadata cleared"

/** Medusa's payment module (account holders are in core-customer.ts). */
export const CORE_PAYMENT_TABLES: CustomerDataTable[] = [
  ...(["cart", "order"] as const).map(
    (parent): CustomerDataTable => ({
      table: `${parent}_payment_collection`,
      owner: "core:link",
      reach: { join: parent, on: [[`${parent}_id`, "id"]] },
      personal: {},
      merge: "follows-parent",
      forget: parent === "cart" ? "delete" : "keep-record",
      export: "exclude",
      why: {
        ...(parent === "order" ? { forget: PAYMENT_RECORD } : {}),
        export: `link rows only (${parent} id, payment collection id)`,
      },
    })
  ),
  {
    table: "payment_collection",
    owner: "core:payment",
    reach: [
      { join: "cart_payment_collection", on: [["id", "payment_collection_id"]] },
      { join: "order_payment_collection", on: [["id", "payment_collection_id"]] },
    ],
    personal: { metadata: "json" },
    merge: "follows-parent",
    forget: "keep-record",
    export: "include",
    why: { forget: PAYMENT_RECORD },
  },
  {
    table: "payment_session",
    owner: "core:payment",
    reach: { join: "payment_collection", on: [["payment_collection_id", "id"]] },
    personal: { context: "json", data: "json", metadata: "json" },
    merge: "follows-parent",
    forget: "keep-record",
    export: "include",
    why: {
      forget:
        "context holds the whole customer (email, names, phone, addresses) and the account holder: cleared, amounts kept",
    },
  },
  {
    table: "payment",
    owner: "core:payment",
    reach: { join: "payment_collection", on: [["payment_collection_id", "id"]] },
    personal: { data: "json", metadata: "json" },
    merge: "follows-parent",
    forget: "keep-record",
    export: "include",
    why: { forget: PAYMENT_RECORD },
  },
  {
    table: "refund",
    owner: "core:payment",
    reach: { join: "payment", on: [["payment_id", "id"]] },
    personal: { note: "free-text", metadata: "json" },
    merge: "follows-parent",
    forget: "keep-record",
    export: "include",
    why: { forget: PAYMENT_RECORD },
  },
  {
    table: "capture",
    owner: "core:payment",
    reach: { join: "payment", on: [["payment_id", "id"]] },
    personal: { metadata: "json" },
    merge: "follows-parent",
    forget: "keep-record",
    export: "include",
    why: { forget: PAYMENT_RECORD },
  },
]
