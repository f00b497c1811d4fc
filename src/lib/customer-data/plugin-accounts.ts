import type { CustomerDataTable } from "../../types/customer-data"
import PointsAccount from "../../modules/customer-points/models/points-account"
import PointsEntry from "../../modules/customer-points/models/points-entry"
import PointsLot from "../../modules/customer-points/models/points-lot"
import PointsAllocation from "../../modules/customer-points/models/points-allocation"
import HouseAccount from "../../modules/house-accounts/models/house-account"
import HouseAccountCustomer from "../../modules/house-accounts/models/house-account-customer"
import HouseAccountEntry from "../../modules/house-accounts/models/house-account-entry"
import HouseAccountStatement from "../../modules/house-accounts/models/house-account-statement"
import TradeAccount from "../../modules/trade-accounts/models/trade-account"
import TradeApplication from "../../modules/trade-accounts/models/trade-application"
import { tableOf } from "./links"

const LEDGER =
  "the points ledger is append-only and balances must add up: rows stay, free text and metadata are cleared"

const HOUSE_LEDGER =
  "house-account entries are financial records: rows and amounts stay, free text and metadata are cleared"

const LEDGER_MERGE =
  "history stays on the duplicate's account; its balance moves by a transfer entry on each account (see points_account)"

/** The accounts that hold value or terms for a customer: loyalty points, house accounts, trade accounts. */
export const ACCOUNT_TABLES: CustomerDataTable[] = [
  {
    table: tableOf(PointsAccount),
    owner: "customer_points",
    reach: { column: "customer_id" },
    personal: { code: "identifier" },
    merge: "combine",
    forget: "keep-record",
    export: "include",
    why: {
      merge: "one account per customer: the duplicate's balance moves to the survivor through ledger entries",
      forget: LEDGER,
    },
  },
  {
    table: tableOf(PointsEntry),
    owner: "customer_points",
    reach: { column: "customer_id" },
    personal: { reason: "free-text", metadata: "json" },
    merge: "leave",
    forget: "keep-record",
    export: "include",
    why: { merge: LEDGER_MERGE, forget: LEDGER },
  },
  {
    table: tableOf(PointsLot),
    owner: "customer_points",
    reach: { column: "customer_id" },
    personal: {},
    merge: "leave",
    forget: "keep-record",
    export: "include",
    why: { merge: LEDGER_MERGE, forget: LEDGER },
  },
  {
    table: tableOf(PointsAllocation),
    owner: "customer_points",
    reach: { join: tableOf(PointsEntry), on: [["entry_id", "id"]] },
    personal: {},
    merge: "follows-parent",
    forget: "keep-record",
    export: "exclude",
    why: { forget: LEDGER, export: "which lots a debit used: ledger bookkeeping" },
  },
  {
    table: tableOf(HouseAccount),
    owner: "house_accounts",
    reach: { join: tableOf(HouseAccountCustomer), on: [["id", "account_id"]] },
    personal: { name: "name", metadata: "json" },
    merge: "follows-parent",
    forget: "keep-record",
    export: "include",
    why: {
      forget:
        "an account can be shared by several customers and carries a balance: it stays, its name and metadata are cleared when its last customer is forgotten",
    },
  },
  {
    table: tableOf(HouseAccountCustomer),
    owner: "house_accounts",
    reach: { column: "customer_id" },
    personal: {},
    merge: "combine",
    forget: "delete",
    export: "include",
    why: { merge: "the survivor may charge every account either customer could (one row per account)" },
  },
  {
    table: tableOf(HouseAccountEntry),
    owner: "house_accounts",
    reach: { column: "customer_id" },
    personal: { reference: "free-text", reason: "free-text", metadata: "json" },
    merge: "move",
    forget: "keep-record",
    export: "include",
    why: { forget: HOUSE_LEDGER },
  },
  {
    table: tableOf(HouseAccountStatement),
    owner: "house_accounts",
    reach: { join: tableOf(HouseAccountCustomer), on: [["account_id", "account_id"]] },
    personal: { pdf_file_key: "file", csv_file_key: "file", emailed_to: "json" },
    notPersonal: { emailed_at: "when the statement was sent: bookkeeping of the account, not of a person" },
    merge: "follows-parent",
    forget: "keep-record",
    export: "include",
    why: {
      forget:
        "a statement is a financial record of the account (shared by its customers): its figures stay, the stored files and addresses are cleared",
    },
  },
  {
    table: tableOf(TradeAccount),
    owner: "trade_accounts",
    reach: { column: "customer_id" },
    personal: {
      account_code: "identifier",
      company_name: "name",
      company_number: "identifier",
      vat_number: "identifier",
    },
    notPersonal: { price_list_id: "the price list the merchant assigned" },
    merge: "keep-primary",
    forget: "delete",
    export: "include",
    why: { merge: "one account per customer: the survivor keeps its own terms" },
  },
  {
    table: tableOf(TradeApplication),
    owner: "trade_accounts",
    reach: { column: "customer_id" },
    personal: {
      email: "email",
      company_name: "name",
      company_number: "identifier",
      vat_number: "identifier",
      phone: "phone",
      address: "json",
      note: "free-text",
      rejection_reason: "free-text",
      terms: "json",
    },
    merge: "move",
    forget: "delete",
    export: "include",
  },
]
