import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { CUSTOMER_IMPORT_MODULE } from ".."
import ImportRun from "../models/import-run"
import ImportRow from "../models/import-row"
import type CustomerImportModuleService from "../service"
import { listRows, refreshCounts, resolveDuplicates, rowId } from "../../../lib/customer-import/pipeline"

jest.setTimeout(60_000)

moduleIntegrationTestRunner<CustomerImportModuleService>({
  moduleName: CUSTOMER_IMPORT_MODULE,
  moduleModels: [ImportRun, ImportRow],
  resolve: "./src/modules/customer-import",
  moduleOptions: { importMaxBytes: 4096, importUndoDays: 2 },
  testSuite: ({ service, MikroOrmWrapper }) => {
    const knex = () => MikroOrmWrapper.forkManager().getConnection().getKnex() as unknown as Knex

    async function stage(runId: string, rows: { n: number; email: string | null; action?: string; excluded?: boolean }[]) {
      await knex()("import_row").insert(
        rows.map((r) => ({
          id: rowId(runId, r.n),
          run_id: runId,
          row_number: r.n,
          raw: JSON.stringify([r.email ?? ""]),
          values: JSON.stringify({ email: r.email ?? "" }),
          errors: JSON.stringify({}),
          action: r.action ?? "new",
          email_key: r.email,
          excluded: r.excluded ?? false,
        }))
      )
    }

    describe("customer import module", () => {
      it("creates runs in status uploaded and reads the import options", async () => {
        const run = await service.createImportRuns({ file_name: "a.csv", file_size: 10, created_by: "user_1" })
        expect(run).toEqual(expect.objectContaining({ status: "uploaded", file_name: "a.csv", parent_run_id: null }))
        expect(run.id).toMatch(/^cimp_/)
        expect(service.options).toEqual(
          expect.objectContaining({ importMaxBytes: 4096, importUndoDays: 2, importBatchSize: 1000 })
        )
      })

      it("keeps one row per row number of a run", async () => {
        const run = await service.createImportRuns({ file_name: "b.csv" })
        await stage(run.id, [{ n: 2, email: "a@x.co" }])
        await expect(
          knex()("import_row").insert({
            id: "cimpr_other",
            run_id: run.id,
            row_number: 2,
            raw: "[]",
            values: "{}",
          })
        ).rejects.toThrow(/unique|duplicate/i)
      })

      it("flags duplicates: the last row wins, rows the merchant excluded take no part; counts follow", async () => {
        const run = await service.createImportRuns({ file_name: "c.csv" })
        await stage(run.id, [
          { n: 2, email: "a@x.co" },
          { n: 3, email: "b@x.co", action: "update" },
          { n: 4, email: "a@x.co" },
          { n: 5, email: "a@x.co", excluded: true },
          { n: 6, email: null, action: "invalid" },
        ])
        await resolveDuplicates(knex(), run.id)
        const { rows } = await listRows(knex(), run.id)
        const by = Object.fromEntries(rows.map((r) => [r.row_number, r]))
        expect(by[2]).toEqual(expect.objectContaining({ excluded: true, duplicate_of: 4 }))
        expect(by[4]).toEqual(expect.objectContaining({ excluded: false, duplicate_of: null }))
        expect(by[5]).toEqual(expect.objectContaining({ excluded: true, duplicate_of: null }))
        const counts = await refreshCounts(knex(), run.id)
        expect(counts).toEqual({
          rows: 5,
          new: 1,
          update: 1,
          unchanged: 0,
          invalid: 1,
          duplicate: 1,
          excluded: 2,
          created: 0,
          updated: 0,
          failed: 0,
        })
        expect((await service.retrieveImportRun(run.id)).counts).toEqual(counts)
        expect((await listRows(knex(), run.id, { filter: "duplicate" })).rows.map((r) => r.row_number)).toEqual([2, 4, 5])
        expect((await listRows(knex(), run.id, { filter: "new", limit: 1 })).count).toBe(1)
      })
    })
  },
})
