import type { CustomerDataTable } from "../../types/customer-data"

const SECRET = "password hashes and token hashes are secrets, never handed out"

/** Medusa's auth, notification, promotion usage, workflow storage and index. */
export const CORE_AUTH_NOTIFICATION_TABLES: CustomerDataTable[] = [
  {
    table: "auth_identity",
    owner: "core:auth",
    reach: { json: "app_metadata", path: ["customer_id"] },
    personal: { app_metadata: "json" },
    merge: "keep-primary",
    forget: "delete",
    export: "include",
    why: {
      merge: "the survivor keeps its login; the duplicate's identity is deleted (or detached when it also serves another actor)",
    },
  },
  {
    table: "provider_identity",
    owner: "core:auth",
    reach: { join: "auth_identity", on: [["auth_identity_id", "id"]] },
    personal: { entity_id: "identifier", user_metadata: "json", provider_metadata: "secret" },
    merge: "follows-parent",
    forget: "delete",
    export: "include",
    why: { export: `entity_id (the login) and user_metadata only; ${SECRET}` },
  },
  ...(["auth_verification", "auth_mfa_factor"] as const).map(
    (table): CustomerDataTable => ({
      table,
      owner: "core:auth",
      reach: { join: "auth_identity", on: [["auth_identity_id", "id"]] },
      personal: {
        ...(table === "auth_verification" ? { entity_id: "identifier" as const } : {}),
        provider_metadata: "secret",
        metadata: "json",
      },
      merge: "follows-parent",
      forget: "delete",
      export: "exclude",
      why: { export: `short-lived login factors and codes; ${SECRET}` },
    })
  ),
  {
    table: "auth_password_reset_token",
    owner: "core:auth",
    reach: { join: "auth_identity", on: [["auth_identity_id", "id"]] },
    personal: { entity_id: "identifier", token_hash: "secret" },
    merge: "follows-parent",
    forget: "delete",
    export: "exclude",
    why: { export: `short-lived reset tokens; ${SECRET}` },
  },
  {
    table: "notification",
    owner: "core:notification",
    reach: [
      { value: "receiver_id", matches: ["id"] },
      { value: "to", matches: ["email"] },
      // a notification to staff about the customer (e.g. a trade application received) carries them in data
      { search: ["data"] },
    ],
    personal: { to: "email", data: "json", provider_data: "json" },
    notPersonal: { from: "the store's sender address" },
    merge: "move",
    forget: "delete",
    export: "include",
    why: { merge: "receiver_id holding the duplicate's id is repointed; `to` stays the address it was sent to" },
  },
  {
    table: "promotion_campaign_budget_usage",
    owner: "core:promotion",
    reach: { value: "attribute_value", matches: ["id", "email"] },
    personal: { attribute_value: "identifier" },
    merge: "combine",
    forget: "anonymise",
    export: "include",
    why: {
      merge: "a use-by-attribute budget counts uses per customer: the duplicate's count is added to the survivor's",
      forget: "the usage count stays (the budget stays right); attribute_value is replaced by a value no one matches",
    },
  },
  {
    table: "workflow_execution",
    owner: "core:workflow-engine",
    reach: { search: ["context", "execution"] },
    personal: { context: "json", execution: "json" },
    merge: "leave",
    forget: "delete",
    export: "exclude",
    why: {
      merge: "stored executions are history: nothing to move",
      forget: "completed executions (cart completion keeps 3 days) are deleted when they contain the customer",
      export: "internal execution state; the data it copies is exported from its own tables",
    },
  },
  {
    table: "index_data",
    owner: "core:index",
    reach: { search: ["data"] },
    personal: { data: "json" },
    merge: "leave",
    forget: "delete",
    export: "exclude",
    why: {
      merge: "copies of indexed entities: re-synced by the index module from their tables",
      export: "copies of data exported from its own tables",
    },
    optional: true,
  },
]
