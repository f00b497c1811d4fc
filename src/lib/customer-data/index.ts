import type {
  CustomerDataAction,
  CustomerDataTable,
  ExportRule,
  ForgetRule,
  MergeRule,
  NotCustomerData,
  PersonalKind,
  Reach,
} from "../../types/customer-data"
import { CORE_AUTH_NOTIFICATION_TABLES } from "./core-auth-notifications"
import { CORE_CUSTOMER_TABLES } from "./core-customer"
import { CORE_ORDER_CART_TABLES } from "./core-orders-carts"
import { CORE_PAYMENT_TABLES } from "./core-payments"
import { NOT_CUSTOMER_DATA } from "./not-customer-data"
import { PLUGIN_TABLES } from "./plugin"

export { NOT_CUSTOMER_DATA } from "./not-customer-data"
export { looksPersonal, ADDRESS_COLUMNS } from "./columns"
export { linkTableName, tableOf } from "./links"
export { unregisteredColumns, missingFromDatabase, declaredColumns, type ColumnInfo } from "./check"

/** Every table that references a customer or holds a customer's personal data. */
export const CUSTOMER_DATA_TABLES: readonly CustomerDataTable[] = [
  ...CORE_CUSTOMER_TABLES,
  ...CORE_ORDER_CART_TABLES,
  ...CORE_PAYMENT_TABLES,
  ...CORE_AUTH_NOTIFICATION_TABLES,
  ...PLUGIN_TABLES,
]

const byTable = new Map(CUSTOMER_DATA_TABLES.map((t) => [t.table, t]))
const excludedByTable = new Map(
  NOT_CUSTOMER_DATA.flatMap((group) => group.tables.map((t) => [t, group] as const))
)

/** The declaration of a table, or undefined. */
export function customerDataTable(table: string): CustomerDataTable | undefined {
  return byTable.get(table)
}

/** The "not customer data" group a table is listed in, or undefined. */
export function notCustomerData(table: string): NotCustomerData | undefined {
  return excludedByTable.get(table)
}

/** A declaration's reaches as a list. */
export function reachesOf(t: CustomerDataTable): Reach[] {
  return Array.isArray(t.reach) ? t.reach : [t.reach]
}

type RuleOf = { merge: MergeRule; forget: ForgetRule; export: ExportRule }

/** What an action has to do something with, unless a rule is given. */
const ACTS_ON: { [A in CustomerDataAction]: (rule: RuleOf[A]) => boolean } = {
  merge: (r) => r !== "follows-parent" && r !== "leave",
  forget: () => true,
  export: (r) => r === "include",
}

/**
 * The declarations an action works on: `tablesFor("export")` (the tables a
 * subject-access export reads), `tablesFor("merge")` (those a merge must
 * update itself), or with a rule, `tablesFor("forget", "delete")`.
 */
export function tablesFor<A extends CustomerDataAction>(
  action: A,
  rule?: RuleOf[A],
  tables: readonly CustomerDataTable[] = CUSTOMER_DATA_TABLES
): CustomerDataTable[] {
  return tables.filter((t) => {
    const own = t[action] as RuleOf[A]
    return rule === undefined ? ACTS_ON[action](own) : own === rule
  })
}

/** A table's personal columns, optionally only those of some kinds. */
export function personalColumns(table: string, kinds?: PersonalKind[]): string[] {
  const t = requireTable(table)
  return Object.entries(t.personal)
    .filter(([, kind]) => !kinds || kinds.includes(kind))
    .map(([column]) => column)
}

/** Columns of the table that hold a customer id directly (what a merge repoints). */
export function customerIdColumns(table: string): string[] {
  return reachesOf(requireTable(table)).flatMap((r) =>
    "column" in r && !("via" in r)
      ? [r.column]
      : "value" in r && r.matches.includes("id")
        ? [r.value]
        : []
  )
}

/** The parent tables a declaration reaches the customer through (`join` and `via`). */
export function parentsOf(t: CustomerDataTable): string[] {
  return reachesOf(t).flatMap((r) => ("join" in r ? [r.join] : "via" in r ? [r.via] : []))
}

/**
 * Every chain of tables from `table` to one that holds the customer
 * directly, e.g. order_line_item → order_item → order.
 */
export function pathsToCustomer(table: string, seen: string[] = []): string[][] {
  const t = requireTable(table)
  if (seen.includes(table)) return []
  const here = [...seen, table]
  const direct = reachesOf(t).some((r) => !("join" in r) && !("via" in r))
  const viaParents = parentsOf(t).flatMap((p) =>
    byTable.has(p) ? pathsToCustomer(p, here).map((path) => [table, ...path]) : []
  )
  return direct ? [[table], ...viaParents] : viaParents
}

/**
 * Problems in the declarations (empty when sound): duplicate tables,
 * parents that are not declared, tables without a way to the customer,
 * rules that keep or leave data without a reason, tables also listed as
 * not customer data.
 */
export function registryProblems(
  tables: readonly CustomerDataTable[] = CUSTOMER_DATA_TABLES,
  excluded: readonly NotCustomerData[] = NOT_CUSTOMER_DATA
): string[] {
  const problems: string[] = []
  const names = new Set<string>()
  for (const t of tables) {
    if (names.has(t.table)) problems.push(`${t.table}: declared twice`)
    names.add(t.table)
  }
  const excludedNames = new Set(excluded.flatMap((g) => g.tables))
  for (const t of tables) {
    for (const p of parentsOf(t)) {
      if (!names.has(p)) problems.push(`${t.table}: reaches the customer through ${p}, which is not declared`)
    }
    const hasDirect = reachesOf(t).some((r) => !("join" in r) && !("via" in r))
    if (!hasDirect && !parentsOf(t).some((p) => names.has(p))) {
      problems.push(`${t.table}: no way to the customer`)
    }
    const needsWhy: [CustomerDataAction, boolean][] = [
      ["merge", t.merge === "keep-primary" || t.merge === "leave"],
      ["forget", t.forget === "keep-record"],
      ["export", t.export === "exclude"],
    ]
    for (const [action, needed] of needsWhy) {
      if (needed && !t.why?.[action]?.trim()) {
        problems.push(`${t.table}: ${action} "${t[action]}" needs a reason (why.${action})`)
      }
    }
    for (const c of Object.keys(t.notPersonal ?? {})) {
      if (c in t.personal) problems.push(`${t.table}.${c}: both personal and not personal`)
    }
    if (excludedNames.has(t.table)) problems.push(`${t.table}: declared and listed as not customer data`)
  }
  for (const g of excluded) {
    if (!g.because.trim()) problems.push(`${g.tables.join(", ")}: not customer data needs a reason`)
  }
  return problems
}

function requireTable(table: string): CustomerDataTable {
  const t = byTable.get(table)
  if (!t) throw new Error(`"${table}" is not declared in the customer-data registry`)
  return t
}

export type {
  CustomerDataTable,
  NotCustomerData,
  PersonalKind,
  Reach,
  MergeRule,
  ForgetRule,
  ExportRule,
  CustomerDataAction,
} from "../../types/customer-data"
