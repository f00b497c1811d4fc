import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { CUSTOMER_DUPLICATES_MODULE } from ".."
import DuplicatePair from "../models/duplicate-pair"
import DuplicateDismissal from "../models/duplicate-dismissal"
import DuplicateScan from "../models/duplicate-scan"
import CustomerMerge from "../models/customer-merge"
import { DuplicateBlockKey, DuplicateSubject } from "../models/duplicate-key"
import type CustomerDuplicatesModuleService from "../service"
import { scanDuplicatesJob } from "../../../workers/duplicates"
import {
  createGenerator,
  DUPLICATE_KINDS,
  precisionRecall,
  truePairs,
  type GenCustomer,
} from "../../../../bench/lib/duplicates-generator"

jest.setTimeout(180_000)

/**
 * The bench's generator (bench/lib/duplicates-generator.ts) at a small size
 * through the real detection: the scan job's own run over Medusa-shaped
 * customer and address tables (the columns the scan reads), then precision
 * and recall of the "likely" pairs it stored against the generator's persons.
 */
moduleIntegrationTestRunner<CustomerDuplicatesModuleService>({
  moduleName: CUSTOMER_DUPLICATES_MODULE,
  moduleModels: [DuplicatePair, DuplicateDismissal, DuplicateScan, DuplicateSubject, DuplicateBlockKey, CustomerMerge],
  resolve: "./src/modules/customer-duplicates",
  testSuite: ({ service, MikroOrmWrapper }) => {
    const knex = () => MikroOrmWrapper.forkManager().getConnection().getKnex() as unknown as Knex

    /** Medusa's customer and address tables, with the columns the scan reads (the module runner has only the module's own). */
    const createCoreTables = async () => {
      for (const ext of ["pg_trgm", "unaccent", "fuzzystrmatch"]) await knex().raw(`create extension if not exists ${ext}`)
      await knex().raw(`create table if not exists customer (
        id text primary key, email text, phone text, first_name text, last_name text, has_account boolean not null default false,
        created_at timestamptz not null default now(), updated_at timestamptz not null default now(), deleted_at timestamptz)`)
      await knex().raw(`create table if not exists customer_address (
        id text primary key, customer_id text not null, address_1 text, city text, postal_code text, country_code text,
        is_default_shipping boolean not null default false,
        created_at timestamptz not null default now(), updated_at timestamptz not null default now(), deleted_at timestamptz)`)
      await knex().raw(`create index if not exists customer_address_customer_id on customer_address (customer_id)`)
    }

    it("finds the generator's planted duplicates as likely with precision and recall ≥ 0.97", async () => {
      await createCoreTables()
      const records: GenCustomer[] = [...createGenerator({ count: 4000, seed: 42, duplicateShare: 0.2 }).records()]
      // every kind of duplicate is planted, and households and namesakes are there to be told apart
      const roles = new Set(records.map((r) => r.role))
      for (const kind of [...DUPLICATE_KINDS, "household", "namesake"]) expect(roles).toContain(kind)

      for (let i = 0; i < records.length; i += 500) {
        const part = records.slice(i, i + 500)
        await knex()("customer").insert(
          part.map((c) => ({ id: c.id, email: c.email, phone: c.phone, first_name: c.first_name, last_name: c.last_name, has_account: c.has_account }))
        )
        const addresses = part.filter((c) => c.address)
        if (addresses.length) {
          await knex()("customer_address").insert(
            addresses.map((c) => ({ id: `cuaddr_${c.id}`, customer_id: c.id, is_default_shipping: true, ...c.address }))
          )
        }
      }

      const job = { id: "job_quality", type: scanDuplicatesJob.type, key: "q", payload: { mode: "full" as const, chunk_size: 500 }, attempt: 1, created_by: null, checkpoint: null as any }
      const result = await scanDuplicatesJob.run({
        job,
        container: { resolve: () => service } as any,
        signal: new AbortController().signal,
        throwIfCancelled() {},
        saveCheckpoint: async (cp: unknown) => void (job.checkpoint = cp),
        progress: async () => undefined,
      } as any)
      expect(result).toMatchObject({ mode: "full", customers: 4000 })

      const likely = await knex()("customer_duplicate_pair").where({ confidence: "likely" }).whereNull("deleted_at").select("customer_a_id", "customer_b_id")
      const found = likely.map((p) => `${p.customer_a_id}|${p.customer_b_id}`)
      const truth = truePairs(records)
      expect(truth.size).toBeGreaterThan(300)
      const pr = precisionRecall(found, truth)
      expect(pr.precision).toBeGreaterThanOrEqual(0.97)
      expect(pr.recall).toBeGreaterThanOrEqual(0.97)
      await knex().raw(`drop table customer_address, customer`)
    })
  },
})
