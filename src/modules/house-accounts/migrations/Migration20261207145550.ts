import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207145550 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "house_account_entry" drop constraint if exists "house_account_entry_idempotency_key_unique";`);
    this.addSql(`alter table if exists "house_account_customer" drop constraint if exists "house_account_customer_account_id_customer_id_unique";`);
    this.addSql(`alter table if exists "house_account" drop constraint if exists "house_account_account_number_unique";`);
    this.addSql(`create table if not exists "house_account" ("id" text not null, "account_number" text not null, "name" text not null, "currency_code" text not null, "credit_limit" integer not null default 0, "order_limit" integer null, "balance" integer not null default 0, "status" text check ("status" in ('active', 'on_hold', 'closed')) not null default 'active', "last_payment_at" timestamptz null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "house_account_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_house_account_deleted_at" ON "house_account" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_house_account_account_number_unique" ON "house_account" ("account_number") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_house_account_status" ON "house_account" ("status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "house_account_customer" ("id" text not null, "account_id" text not null, "customer_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "house_account_customer_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_house_account_customer_deleted_at" ON "house_account_customer" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_house_account_customer_account_id_customer_id_unique" ON "house_account_customer" ("account_id", "customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_house_account_customer_customer_id" ON "house_account_customer" ("customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "house_account_entry" ("id" text not null, "account_id" text not null, "kind" text check ("kind" in ('charge', 'refund', 'payment', 'adjustment')) not null, "amount" integer not null, "currency_code" text not null, "balance_after" integer not null, "method" text null, "reference" text null, "reason" text null, "customer_id" text null, "actor_type" text not null, "actor_id" text null, "source_type" text null, "source_id" text null, "idempotency_key" text not null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "house_account_entry_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_house_account_entry_deleted_at" ON "house_account_entry" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_house_account_entry_idempotency_key_unique" ON "house_account_entry" ("idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_house_account_entry_account_id_created_at" ON "house_account_entry" ("account_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_house_account_entry_customer_id_created_at" ON "house_account_entry" ("customer_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_house_account_entry_source_type_source_id" ON "house_account_entry" ("source_type", "source_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "house_account" cascade;`);

    this.addSql(`drop table if exists "house_account_customer" cascade;`);

    this.addSql(`drop table if exists "house_account_entry" cascade;`);
  }

}
