import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { useTestHost } from "../helpers/test-host"
import {
  CUSTOMER_DATA_TABLES,
  NOT_CUSTOMER_DATA,
  looksPersonal,
  missingFromDatabase,
  unregisteredColumns,
  type ColumnInfo,
} from "../../src/lib/customer-data"

jest.setTimeout(120_000)

/**
 * The registry against a database migrated with every core module and the
 * plugin: a table that references a customer (a customer id, an email, a
 * phone, an address, a name, metadata) and is neither declared nor listed as
 * not customer data fails here, as does a declaration naming a table or a
 * column that does not exist.
 */
useTestHost({
  prefix: "cbo-http-cdr",
  admin: false,
  testSuite: ({ getContainer }) => {
    let columns: ColumnInfo[] = []

    beforeAll(async () => {
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows } = await knex.raw(
        `select c.table_name as "table", c.column_name as "column", c.data_type in ('json', 'jsonb') as "json"
           from information_schema.columns c
           join information_schema.tables t
             on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
          where c.table_schema = current_schema()
            and c.table_name not in ('mikro_orm_migrations', 'script_migrations')`
      )
      columns = rows
    })

    it("reads a fully migrated database (core customer, order, auth and plugin tables)", () => {
      const tables = new Set(columns.map((c) => c.table))
      for (const t of ["customer", "order", "auth_identity", "workflow_execution", "customer_profile", "points_entry"]) {
        expect([t, tables.has(t)]).toEqual([t, true])
      }
      expect(columns.filter((c) => looksPersonal(c.column)).length).toBeGreaterThan(100)
    })

    it("every column that references a customer or holds personal data is declared or excluded with a reason", () => {
      expect(unregisteredColumns(columns, CUSTOMER_DATA_TABLES, NOT_CUSTOMER_DATA)).toEqual([])
    })

    it("every declared table and column, every join column and every excluded table exists", () => {
      expect(missingFromDatabase(columns, CUSTOMER_DATA_TABLES, NOT_CUSTOMER_DATA)).toEqual([])
    })

    it("catches a table added without a declaration", async () => {
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await knex.raw(`create table "registry_probe" ("id" text primary key, "buyer_email" text, "notes" jsonb)`)
      try {
        const { rows } = await knex.raw(
          `select table_name as "table", column_name as "column", data_type = 'jsonb' as "json"
             from information_schema.columns where table_schema = current_schema() and table_name = 'registry_probe'`
        )
        expect(unregisteredColumns(columns.concat(rows), CUSTOMER_DATA_TABLES, NOT_CUSTOMER_DATA)).toEqual([
          "registry_probe.buyer_email",
        ])
      } finally {
        await knex.raw(`drop table "registry_probe"`)
      }
    })
  },
})
