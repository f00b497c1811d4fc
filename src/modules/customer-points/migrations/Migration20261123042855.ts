import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123042855 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "points_entry" drop constraint if exists "points_entry_idempotency_key_unique";`);
    this.addSql(`alter table if exists "points_account" drop constraint if exists "points_account_code_unique";`);
    this.addSql(`alter table if exists "points_account" drop constraint if exists "points_account_customer_id_unique";`);
    this.addSql(`create table if not exists "points_account" ("id" text not null, "customer_id" text not null, "enrolled" boolean not null default false, "enrolled_at" timestamptz null, "balance" integer not null default 0, "code" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "points_account_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_points_account_deleted_at" ON "points_account" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_points_account_customer_id_unique" ON "points_account" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_points_account_code_unique" ON "points_account" ("code") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "points_allocation" ("id" text not null, "entry_id" text not null, "lot_id" text not null, "points" integer not null, "reversed" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "points_allocation_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_points_allocation_deleted_at" ON "points_allocation" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_points_allocation_entry_id" ON "points_allocation" ("entry_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_points_allocation_lot_id" ON "points_allocation" ("lot_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "points_entry" ("id" text not null, "account_id" text not null, "customer_id" text not null, "kind" text check ("kind" in ('earn', 'manual_add', 'redeem', 'manual_remove', 'expire', 'reversal')) not null, "points" integer not null, "balance_after" integer not null, "reason" text null, "actor_type" text not null, "actor_id" text null, "source_type" text null, "source_id" text null, "idempotency_key" text not null, "lot_id" text null, "reverses_entry_id" text null, "reversed" integer not null default 0, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "points_entry_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_points_entry_deleted_at" ON "points_entry" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_points_entry_idempotency_key_unique" ON "points_entry" ("idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_points_entry_customer_id_created_at" ON "points_entry" ("customer_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_points_entry_account_id_created_at" ON "points_entry" ("account_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_points_entry_source_type_source_id" ON "points_entry" ("source_type", "source_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "points_lot" ("id" text not null, "account_id" text not null, "customer_id" text not null, "entry_id" text not null, "points" integer not null, "remaining" integer not null, "earned_at" timestamptz not null, "expires_at" timestamptz not null, "expired_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "points_lot_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_points_lot_deleted_at" ON "points_lot" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_points_lot_account_id_expires_at_id" ON "points_lot" ("account_id", "expires_at", "id") WHERE remaining > 0 AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_points_lot_expires_at_id" ON "points_lot" ("expires_at", "id") WHERE remaining > 0 AND deleted_at IS NULL;`);

    // Written by hand: the database itself refuses a negative balance or lot.
    this.addSql(`alter table "points_account" add constraint "points_account_balance_check" check ("balance" >= 0);`);
    this.addSql(`alter table "points_lot" add constraint "points_lot_remaining_check" check ("remaining" >= 0 and "remaining" <= "points");`);
    this.addSql(`alter table "points_allocation" add constraint "points_allocation_reversed_check" check ("reversed" >= 0 and "reversed" <= "points");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "points_account" cascade;`);

    this.addSql(`drop table if exists "points_allocation" cascade;`);

    this.addSql(`drop table if exists "points_entry" cascade;`);

    this.addSql(`drop table if exists "points_lot" cascade;`);
  }

}
