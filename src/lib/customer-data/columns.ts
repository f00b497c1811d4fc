import type { PersonalKind } from "../../types/customer-data"

/** The personal columns every core address table has (customer, cart, order, fulfillment). */
export const ADDRESS_COLUMNS: Record<string, PersonalKind> = {
  company: "name",
  first_name: "name",
  last_name: "name",
  address_1: "address",
  address_2: "address",
  city: "address",
  province: "address",
  postal_code: "address",
  country_code: "address",
  phone: "phone",
  metadata: "json",
}

/**
 * Whether a column's name says it may reference a customer or hold contact
 * data: customer ids, emails, phones, addresses, names and metadata. The
 * completeness test requires every table with such a column to be declared
 * in the registry or listed as not customer data.
 */
export function looksPersonal(column: string): boolean {
  return (
    /(^|_)customer_id$/.test(column) ||
    column.includes("email") ||
    column.includes("phone") ||
    /^address/.test(column) ||
    ["first_name", "last_name", "company_name"].includes(column) ||
    /(^|_)metadata$/.test(column)
  )
}
