import fs from "node:fs"
import path from "node:path"
import { DmlEntity } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import SalesChannelModule from "@medusajs/medusa/sales-channel"
import {
  CUSTOMER_DATA_TABLES,
  NOT_CUSTOMER_DATA,
  customerDataTable,
  customerIdColumns,
  linkTableName,
  looksPersonal,
  missingFromDatabase,
  notCustomerData,
  pathsToCustomer,
  personalColumns,
  registryProblems,
  tablesFor,
  unregisteredColumns,
  type ColumnInfo,
  type CustomerDataTable,
} from ".."

const MODULES_DIR = path.resolve(__dirname, "../../../modules")

/** Every DML model under src/modules/<module>/models, with the module's registered name. */
function pluginModels(): { owner: string; file: string; model: DmlEntity<any, any> }[] {
  return fs.readdirSync(MODULES_DIR).flatMap((dir) => {
    const modelsDir = path.join(MODULES_DIR, dir, "models")
    if (!fs.existsSync(modelsDir)) return []
    const index = fs.readFileSync(path.join(MODULES_DIR, dir, "index.ts"), "utf8")
    const owner = /export const \w+_MODULE = "([^"]+)"/.exec(index)?.[1] ?? dir
    return fs
      .readdirSync(modelsDir)
      .filter((f) => /\.ts$/.test(f) && !f.endsWith(".d.ts"))
      .flatMap((f) => {
        const exported = Object.values(require(path.join(modelsDir, f)))
        return exported
          .filter((m): m is DmlEntity<any, any> => DmlEntity.isDmlEntity(m))
          .map((model) => ({ owner, file: `${dir}/models/${f}`, model }))
      })
  })
}

/** A model's columns (a belongsTo `x` is the column `x_id`). */
function modelColumns(model: DmlEntity<any, any>): ColumnInfo[] {
  const { tableName, schema } = model.parse()
  return Object.entries<any>(schema).flatMap(([key, prop]) => {
    const parsed = prop.parse(key)
    if (parsed.type === "belongsTo") return [{ table: tableName, column: `${key}_id`, json: false }]
    if (parsed.type) return []
    return [{ table: tableName, column: parsed.fieldName, json: parsed.dataType?.name === "json" }]
  })
}

describe("customer-data registry: declarations", () => {
  it("is sound: no duplicates, every parent declared, every table reaches the customer, every keep has a reason", () => {
    expect(registryProblems()).toEqual([])
  })

  it("declares the core tables that hold customer data in Medusa 2.21", () => {
    const core = [
      "customer", "customer_address", "customer_group_customer", "customer_account_holder", "account_holder",
      "cart", "cart_address", "order", "order_address", "fulfillment_address", "payment_session",
      "auth_identity", "provider_identity", "notification", "workflow_execution", "promotion_campaign_budget_usage",
    ]
    expect(core.filter((t) => !customerDataTable(t))).toEqual([])
    expect(personalColumns("payment_session")).toContain("context")
    expect(personalColumns("customer")).toEqual(
      expect.arrayContaining(["email", "first_name", "last_name", "phone", "company_name", "metadata"])
    )
  })

  it("declares every plugin model's table, or lists it as not customer data, under its module's name", () => {
    const models = pluginModels()
    expect(models.length).toBeGreaterThanOrEqual(18)
    const unaccounted = models
      .map(({ owner, file, model }) => ({ owner, file, table: model.parse().tableName }))
      .filter(({ table }) => !customerDataTable(table) && !notCustomerData(table))
    expect(unaccounted).toEqual([])
    const wrongOwner = models.flatMap(({ owner, model }) => {
      const table = model.parse().tableName
      const declaredOwner = customerDataTable(table)?.owner ?? notCustomerData(table)?.owner
      return declaredOwner === owner ? [] : [`${table}: ${declaredOwner} (module ${owner})`]
    })
    expect(wrongOwner).toEqual([])
  })

  it("names every personal-looking and JSON column of the plugin's declared models", () => {
    const columns = pluginModels().flatMap(({ model }) => modelColumns(model))
    expect(columns.length).toBeGreaterThan(100)
    expect(unregisteredColumns(columns, CUSTOMER_DATA_TABLES, NOT_CUSTOMER_DATA)).toEqual([])
    // and the declarations name only columns the models have
    const pluginTables = new Set(columns.map((c) => c.table))
    const withId = columns.concat([...pluginTables].map((table) => ({ table, column: "id", json: false })))
    const declaredPlugin = CUSTOMER_DATA_TABLES.filter((t) => pluginTables.has(t.table))
    expect(declaredPlugin.length).toBeGreaterThanOrEqual(14)
    expect(missingFromDatabase(withId, declaredPlugin, [])).toEqual([])
  })

  it("uses Medusa's own names for the core link tables", () => {
    const core = require("@medusajs/link-modules/dist/definitions")
    const names = ["CustomerAccountHolder", "OrderCart", "OrderFulfillment", "CartPaymentCollection", "OrderPaymentCollection"]
      .map((k) => core[k].databaseConfig.tableName as string)
    expect(names.filter((n) => customerDataTable(n)?.owner !== "core:link")).toEqual([])
  })

  it("derives the plugin's link table from the link's linkables", () => {
    const table = linkTableName(CustomerModule.linkable.customer, SalesChannelModule.linkable.salesChannel)
    expect(table).toBe("customer_customer_sales_channel_sales_channel")
    expect(customerDataTable(table)?.reach).toEqual({ column: "customer_id" })
  })
})

describe("customer-data registry: lookups", () => {
  it("tablesFor(action) lists what each action works on", () => {
    const forget = tablesFor("forget").map((t) => t.table)
    expect(forget).toHaveLength(CUSTOMER_DATA_TABLES.length)
    const deleted = tablesFor("forget", "delete").map((t) => t.table)
    expect(deleted).toEqual(expect.arrayContaining(["customer_address", "customer_note", "cart"]))
    expect(deleted).not.toContain("order")
    expect(tablesFor("forget", "keep-record").map((t) => t.table)).toEqual(
      expect.arrayContaining(["order", "order_address", "payment", "points_entry"])
    )
    const merge = tablesFor("merge").map((t) => t.table)
    expect(merge).toEqual(expect.arrayContaining(["order", "cart", "customer_note", "points_account"]))
    expect(merge).not.toContain("order_line_item") // follows its order
    expect(merge).not.toContain("workflow_execution") // history, left alone
    const exported = tablesFor("export").map((t) => t.table)
    expect(exported).toContain("customer_note_revision")
    expect(exported).not.toContain("auth_password_reset_token")
  })

  it("tablesFor works on any list of declarations", () => {
    const t = (table: string, merge: CustomerDataTable["merge"]): CustomerDataTable => ({
      table, owner: "test", reach: { column: "customer_id" }, personal: {}, merge, forget: "delete", export: "include",
    })
    const list = [t("a", "move"), t("b", "follows-parent"), t("c", "combine"), t("d", "leave")]
    expect(tablesFor("merge", undefined, list).map((x) => x.table)).toEqual(["a", "c"])
    expect(tablesFor("merge", "follows-parent", list).map((x) => x.table)).toEqual(["b"])
  })

  it("personalColumns filters by kind and refuses an undeclared table", () => {
    expect(personalColumns("customer", ["email"])).toEqual(["email"])
    expect(personalColumns("order_address", ["phone"])).toEqual(["phone"])
    expect(personalColumns("customer_profile", ["file"]).sort()).toEqual(["photo_file_id", "photo_url"])
    expect(() => personalColumns("product")).toThrow(/not declared/)
  })

  it("customerIdColumns lists the columns a merge repoints", () => {
    expect(customerIdColumns("order")).toEqual(["customer_id"])
    expect(customerIdColumns("order_change")).toEqual(["created_by", "requested_by"])
    expect(customerIdColumns("promotion_campaign_budget_usage")).toEqual(["attribute_value"])
    expect(customerIdColumns("account_holder")).toEqual(["external_id"])
    expect(customerIdColumns("order_line_item")).toEqual([])
  })

  it("pathsToCustomer follows parents to a table that holds the customer", () => {
    expect(pathsToCustomer("order_line_item")).toEqual([["order_line_item", "order_item", "order"]])
    expect(pathsToCustomer("payment_session")).toEqual([
      ["payment_session", "payment_collection", "cart_payment_collection", "cart"],
      ["payment_session", "payment_collection", "order_payment_collection", "order"],
    ])
    expect(pathsToCustomer("order_address")).toEqual([["order_address"], ["order_address", "order"]])
    for (const t of CUSTOMER_DATA_TABLES) expect([t.table, pathsToCustomer(t.table).length]).not.toEqual([t.table, 0])
  })

  it("looksPersonal matches customer ids, emails, phones, addresses, names and metadata", () => {
    const yes = ["customer_id", "old_customer_id", "email", "email_key", "alt_phone", "address_1", "first_name", "company_name", "metadata", "app_metadata"]
    const no = ["customer_group_id", "id", "title", "shipping_address_id", "data", "metadata_version"]
    expect(yes.filter((c) => !looksPersonal(c))).toEqual([])
    expect(no.filter(looksPersonal)).toEqual([])
  })
})

describe("customer-data registry: checks", () => {
  const decl: CustomerDataTable = {
    table: "thing", owner: "test", reach: { column: "customer_id" }, personal: { email: "email" },
    notPersonal: { settings: "configuration" }, merge: "move", forget: "delete", export: "include",
  }
  const col = (table: string, column: string, json = false): ColumnInfo => ({ table, column, json })

  it("unregisteredColumns reports personal-looking columns of unknown tables and unnamed columns of declared ones", () => {
    const columns = [
      col("thing", "customer_id"), col("thing", "email"), col("thing", "settings", true), col("thing", "raw_amount", true),
      col("thing", "extra", true), col("thing", "phone"),
      col("other", "customer_id"), col("other", "title"),
      col("catalog", "metadata", true),
    ]
    const excluded = [{ owner: "test", tables: ["catalog"], because: "merchant data" }]
    expect(unregisteredColumns(columns, [decl], excluded)).toEqual(["other.customer_id", "thing.extra", "thing.phone"])
  })

  it("missingFromDatabase reports declared tables and columns that do not exist", () => {
    const parent: CustomerDataTable = { ...decl, table: "child", reach: { join: "thing", on: [["thing_id", "nope"]] }, personal: {}, notPersonal: {} }
    const optional: CustomerDataTable = { ...decl, table: "maybe", optional: true }
    const columns = [col("thing", "customer_id"), col("thing", "settings", true), col("child", "thing_id")]
    expect(
      missingFromDatabase(columns, [decl, parent, optional, { ...decl, table: "gone" }], [
        { owner: "t", tables: ["absent"], because: "x" },
      ])
    ).toEqual(["absent (not customer data)", "gone", "thing.email", "thing.nope (join from child)"])
  })

  it("registryProblems explains what is wrong with a declaration", () => {
    const bad: CustomerDataTable[] = [
      { ...decl, merge: "keep-primary", forget: "keep-record", export: "exclude" },
      { ...decl },
      { ...decl, table: "orphan", reach: { join: "missing", on: [["x", "id"]] } },
      { ...decl, table: "listed", personal: { settings: "json" } },
    ]
    expect(registryProblems(bad, [{ owner: "t", tables: ["listed"], because: " " }])).toEqual([
      "thing: declared twice",
      'thing: merge "keep-primary" needs a reason (why.merge)',
      'thing: forget "keep-record" needs a reason (why.forget)',
      'thing: export "exclude" needs a reason (why.export)',
      "orphan: reaches the customer through missing, which is not declared",
      "orphan: no way to the customer",
      "listed.settings: both personal and not personal",
      "listed: declared and listed as not customer data",
      "listed: not customer data needs a reason",
    ])
  })
})
