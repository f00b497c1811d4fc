import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207150802 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "trade_account" drop constraint if exists "trade_account_account_code_unique";`);
    this.addSql(`alter table if exists "trade_account" drop constraint if exists "trade_account_customer_id_unique";`);
    this.addSql(`create table if not exists "trade_account" ("id" text not null, "customer_id" text not null, "account_type" text check ("account_type" in ('retail', 'trade')) not null default 'retail', "account_code" text null, "company_name" text null, "company_number" text null, "vat_number" text null, "free_delivery" boolean not null default false, "discount_bp" integer not null default 0, "price_list_id" text null, "active" boolean not null default true, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "trade_account_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_trade_account_deleted_at" ON "trade_account" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_trade_account_customer_id_unique" ON "trade_account" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_trade_account_account_code_unique" ON "trade_account" ("account_code") WHERE account_code IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_trade_account_account_type" ON "trade_account" ("account_type") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "trade_application" ("id" text not null, "customer_id" text not null, "status" text check ("status" in ('pending', 'approved', 'rejected')) not null default 'pending', "source" text not null default 'storefront', "email" text not null, "company_name" text not null, "company_number" text null, "vat_number" text null, "phone" text null, "address" jsonb null, "note" text null, "decided_at" timestamptz null, "decided_by" text null, "rejection_reason" text null, "terms" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "trade_application_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_trade_application_deleted_at" ON "trade_application" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_trade_application_customer_id" ON "trade_application" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_trade_application_status_created_at" ON "trade_application" ("status", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_trade_application_one_pending" ON "trade_application" ("customer_id") WHERE status = 'pending' AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "trade_account" cascade;`);

    this.addSql(`drop table if exists "trade_application" cascade;`);
  }

}
