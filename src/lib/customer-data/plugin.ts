import CustomerModule from "@medusajs/medusa/customer"
import SalesChannelModule from "@medusajs/medusa/sales-channel"
import type { CustomerDataTable } from "../../types/customer-data"
import CustomerProfile from "../../modules/customer-records/models/customer-profile"
import CustomerNote from "../../modules/customer-engagement/models/customer-note"
import CustomerNoteRevision from "../../modules/customer-engagement/models/customer-note-revision"
import CustomerConsent from "../../modules/customer-engagement/models/customer-consent"
import ConsentEvent from "../../modules/customer-engagement/models/consent-event"
import MailingSubscription from "../../modules/customer-engagement/models/mailing-subscription"
import CustomerInvitation from "../../modules/customer-engagement/models/customer-invitation"
import CustomerSnapshot from "../../modules/customer-timeline/models/customer-snapshot"
import TimelineEntry from "../../modules/customer-timeline/models/timeline-entry"
import CustomerRemoval from "../../modules/customer-list/models/customer-removal"
import CustomerSales from "../../modules/customer-list/models/customer-sales"
import ImportRun from "../../modules/customer-import/models/import-run"
import ImportRow from "../../modules/customer-import/models/import-row"
import DuplicatePair from "../../modules/customer-duplicates/models/duplicate-pair"
import DuplicateDismissal from "../../modules/customer-duplicates/models/duplicate-dismissal"
import { DuplicateBlockKey, DuplicateSubject } from "../../modules/customer-duplicates/models/duplicate-key"
import CustomerMerge from "../../modules/customer-duplicates/models/customer-merge"
import { linkTableName, tableOf } from "./links"
import { ACCOUNT_TABLES } from "./plugin-accounts"
import { PROFILE_FIELDS } from "../profile-fields/fields"

const DUPLICATE_DERIVED =
  "derived from the core customer by the duplicate scan and rebuilt by the next scan"

/** The plugin's own tables, and the link tables its links create. */
export const PLUGIN_TABLES: CustomerDataTable[] = [
  {
    table: tableOf(CustomerProfile),
    owner: "customer_records",
    reach: { column: "customer_id" },
    personal: {
      ...Object.fromEntries(PROFILE_FIELDS.map((f) => [f.key, f.personal])),
      phone_original: "phone",
      alt_phone: "phone",
      alt_phone_original: "phone",
      photo_file_id: "file",
      photo_url: "file",
      email_invalid_at: "attribute",
      email_last_attempt_at: "attribute",
      referral_source_id: "attribute",
    },
    merge: "combine",
    forget: "delete",
    export: "include",
    why: { merge: "one profile per customer: the survivor keeps its values and takes the duplicate's where it has none" },
  },
  {
    table: tableOf(CustomerNote),
    owner: "customer_engagement",
    reach: { column: "customer_id" },
    personal: { body: "free-text" },
    merge: "move",
    forget: "delete",
    export: "include",
  },
  {
    table: tableOf(CustomerNoteRevision),
    owner: "customer_engagement",
    reach: { join: tableOf(CustomerNote), on: [["note_id", "id"]] },
    personal: { body: "free-text" },
    merge: "follows-parent",
    forget: "delete",
    export: "include",
  },
  {
    table: tableOf(CustomerConsent),
    owner: "customer_engagement",
    reach: { column: "customer_id" },
    personal: { marketing_opt_out: "attribute" },
    merge: "combine",
    forget: "delete",
    export: "include",
    why: { merge: "one row per customer: opted out if either customer opted out" },
  },
  {
    table: tableOf(ConsentEvent),
    owner: "customer_engagement",
    reach: { column: "customer_id" },
    personal: {},
    merge: "move",
    forget: "delete",
    export: "include",
  },
  {
    table: tableOf(MailingSubscription),
    owner: "customer_engagement",
    reach: { column: "customer_id" },
    personal: { token_hash: "secret" },
    merge: "combine",
    forget: "delete",
    export: "include",
    why: { merge: "one row per category: the survivor keeps its own, takes the duplicate's other categories" },
  },
  {
    table: tableOf(CustomerInvitation),
    owner: "customer_engagement",
    reach: [{ column: "customer_id" }, { column: "account_customer_id" }],
    personal: { email: "email", token_hash: "secret" },
    notPersonal: { sent_by: "admin user id", merge_id: "id of the merge that joined the accounts" },
    merge: "leave",
    forget: "delete",
    export: "include",
    why: {
      merge: "the record of an invitation sent to one customer (its link is spent or replaced): it stays with that customer",
    },
  },
  {
    table: tableOf(CustomerSnapshot),
    owner: "customer_timeline",
    reach: { column: "customer_id" },
    personal: { values: "json" },
    merge: "keep-primary",
    forget: "delete",
    export: "exclude",
    why: {
      merge: "the last seen values of the survivor's own core fields",
      export: "a copy of the core customer's fields, exported from the customer table",
    },
  },
  {
    table: tableOf(TimelineEntry),
    owner: "customer_timeline",
    reach: { column: "customer_id" },
    personal: { summary: "free-text", data: "json" },
    merge: "move",
    forget: "delete",
    export: "include",
  },
  {
    table: tableOf(CustomerRemoval),
    owner: "customer_list",
    reach: { column: "customer_id" },
    personal: {},
    notPersonal: { group_ids: "customer group ids" },
    merge: "keep-primary",
    forget: "delete",
    export: "exclude",
    why: {
      merge: "the survivor is live; the duplicate's removal record goes with the duplicate",
      export: "internal record to restore a removed customer's groups",
    },
  },
  {
    table: tableOf(CustomerSales),
    owner: "customer_list",
    reach: { column: "customer_id" },
    personal: {},
    notPersonal: {
      order_count: "count of the customer's orders",
      total_spent: "net sales in minor units",
      currency_code: "store default currency",
      last_order_at: "date of the latest order",
      computed_at: "when the row was recomputed",
    },
    merge: "keep-primary",
    forget: "delete",
    export: "exclude",
    why: {
      merge: "a copy computed from the orders: the survivor's row is recomputed from its orders (next order event or the nightly reconcile)",
      export: "derived from the orders, which the export already holds",
    },
  },
  {
    table: tableOf(ImportRow),
    owner: "customer_import",
    reach: { column: "customer_id" },
    personal: {
      raw: "json",
      values: "json",
      errors: "json",
      row_error: "free-text",
      email_key: "email",
      before_image: "json",
    },
    merge: "move",
    forget: "delete",
    export: "include",
  },
  {
    table: tableOf(ImportRun),
    owner: "customer_import",
    reach: { join: tableOf(ImportRow), on: [["id", "run_id"]] },
    personal: { file_id: "file", backup_file_id: "file", undo_skipped: "json" },
    notPersonal: {
      headers: "the file's column headers",
      mapping: "header → column mapping",
      counts: "row counts",
      encoding_report: "the file's encoding and the numbers of rows with unreadable bytes",
      labels: "category and choice names the file brings and what confirming created (store labels, no customer)",
    },
    merge: "follows-parent",
    forget: "keep-record",
    export: "exclude",
    why: {
      forget:
        "one run holds many customers: the run stays as the import's audit record; its uploaded and backup files are deleted when they hold the forgotten customer (and by the files retention)",
      export: "the customer's imported rows are exported from import_row",
    },
  },
  ...ACCOUNT_TABLES,
  {
    table: tableOf(DuplicatePair),
    owner: "customer_duplicates",
    reach: [{ column: "customer_a_id" }, { column: "customer_b_id" }],
    personal: {},
    notPersonal: { reasons: "reason codes (same_email, name_typo…), no values" },
    merge: "leave",
    forget: "delete",
    export: "exclude",
    why: {
      merge: "the next scan drops pairs of a merged-away customer (merge removes the pair it resolves)",
      export: "internal review list; the customer's own data is exported from the core tables",
    },
  },
  {
    table: tableOf(DuplicateDismissal),
    owner: "customer_duplicates",
    reach: [{ column: "customer_a_id" }, { column: "customer_b_id" }],
    personal: {},
    merge: "leave",
    forget: "delete",
    export: "exclude",
    why: {
      merge: "a decision about two customers; it lapses once either customer's data changes",
      export: "an admin's review decision, no personal values (fingerprints are hashes)",
    },
  },
  {
    table: tableOf(DuplicateSubject),
    owner: "customer_duplicates",
    reach: { column: "customer_id" },
    personal: {
      email_key: "email",
      phone_key: "phone",
      first_key: "name",
      last_key: "name",
      first_canon: "name",
    },
    merge: "leave",
    forget: "delete",
    export: "exclude",
    why: { merge: DUPLICATE_DERIVED, export: DUPLICATE_DERIVED },
  },
  {
    table: tableOf(DuplicateBlockKey),
    owner: "customer_duplicates",
    reach: { column: "customer_id" },
    personal: { value: "free-text" },
    merge: "leave",
    forget: "delete",
    export: "exclude",
    why: { merge: DUPLICATE_DERIVED, export: DUPLICATE_DERIVED },
  },
  {
    table: tableOf(CustomerMerge),
    owner: "customer_duplicates",
    reach: [{ column: "primary_id" }, { search: ["secondary_ids"] }],
    personal: { undo: "json", fields: "json", undo_report: "json" },
    notPersonal: { summary: "row counts per table", merged_by: "admin user id", undone_by: "admin user id" },
    merge: "leave",
    forget: "delete",
    export: "exclude",
    why: {
      merge: "the record of a merge (its undo log): it stays as it is when the primary is merged again",
      export: "internal undo log of a merge: the customer's data is exported from its own tables",
    },
  },
  {
    // src/links/customer-stores.ts
    table: linkTableName(CustomerModule.linkable.customer, SalesChannelModule.linkable.salesChannel),
    owner: "link",
    reach: { column: "customer_id" },
    personal: {},
    merge: "combine",
    forget: "delete",
    export: "include",
    why: { merge: "the survivor is assigned to the stores of both (one row per store)" },
  },
]
