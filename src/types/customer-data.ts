/**
 * Types of the customer-data registry (src/lib/customer-data): one
 * declaration per database table that references a customer or holds a
 * customer's personal data, and what merge, forget and subject-access
 * export do with it.
 */

/** What a personal column holds. */
export type PersonalKind =
  | "name"
  | "email"
  | "phone"
  | "address"
  /** Text written by a person (notes, reasons, search text). */
  | "free-text"
  /** A JSON column that can hold any of the above (metadata, provider data, snapshots). */
  | "json"
  /** A file id or URL (the file itself lives in the File module's storage). */
  | "file"
  /** An identifier of the person outside this row (customer number, provider account id, login). */
  | "identifier"
  /** A personal date or fact (date of birth, anniversary, gender, nationality, bounce dates). */
  | "attribute"
  /** A secret bound to the person (password hash, token hash): never exported. */
  | "secret"

/**
 * How a row reaches the customer. A table may have several (e.g. an order
 * address is the shipping or the billing address of an order).
 */
export type Reach =
  /** `this.<column>` is the customer's id. */
  | { column: string }
  /** A link table `<via>` has `<column>` = this row's id and `customer_id` = the customer. */
  | { via: string; column: string }
  /**
   * Through a declared parent table: `this.<a> = <join>.<b>` for any pair
   * in `on`; the parent reaches the customer by its own declaration.
   */
  | { join: string; on: [string, string][] }
  /** `this.<json> #>> path` is the customer's id. */
  | { json: string; path: string[] }
  /** `this.<value>` is the customer's id or email (which one is not recorded). */
  | { value: string; matches: ("id" | "email")[] }
  /** The customer's id or email appears somewhere inside these JSON columns (no key to index). */
  | { search: string[] }

/** Merge of a duplicate customer into the surviving one. */
export type MergeRule =
  /** Point the reach column at the surviving customer. */
  | "move"
  /** One row per customer: combine the duplicate's row into the survivor's (sums, unions, fill blanks). */
  | "combine"
  /** One row per customer: keep the survivor's row, drop the duplicate's. */
  | "keep-primary"
  /** Reached through a parent: moves with it, nothing to do here. */
  | "follows-parent"
  /** History or copies (stored workflow runs, search index): left as they are. Needs a reason. */
  | "leave"

/** GDPR erasure of one customer. */
export type ForgetRule =
  /** Overwrite the personal columns; the row stays (its relations stay valid). */
  | "anonymise"
  /** Delete the rows. */
  | "delete"
  /** A financial or legal record: the row stays, its personal columns are cleared. Needs a reason. */
  | "keep-record"

/** Subject-access export (everything held about one customer). */
export type ExportRule =
  /** The customer's rows, with their personal columns. */
  | "include"
  /** Not exported. Needs a reason (secrets, internal bookkeeping). */
  | "exclude"

export type CustomerDataAction = "merge" | "forget" | "export"

/** "core:<module>" for Medusa's tables, the plugin module name for the plugin's. */
export type TableOwner = `core:${string}` | string

export type CustomerDataTable = {
  table: string
  owner: TableOwner
  reach: Reach | Reach[]
  /** Personal columns and what they hold. */
  personal: Record<string, PersonalKind>
  /**
   * Columns whose name looks personal (or JSON columns) that are not, and
   * why: the completeness test accepts them as decided.
   */
  notPersonal?: Record<string, string>
  merge: MergeRule
  forget: ForgetRule
  export: ExportRule
  /** Why, where a rule keeps data or leaves it out (required for keep-primary, leave, keep-record, exclude). */
  why?: Partial<Record<CustomerDataAction, string>>
  /** Only present when an optional module is installed (e.g. the index module). */
  optional?: boolean
}

/** Tables that have a personal-looking column but hold no customer's data. */
export type NotCustomerData = {
  owner: TableOwner
  tables: string[]
  because: string
}
