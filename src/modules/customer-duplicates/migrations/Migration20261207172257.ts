import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207172257 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "customer_merge" ("id" text not null, "primary_id" text not null, "secondary_ids" jsonb not null, "status" text check ("status" in ('running', 'completed', 'undone')) not null default 'running', "fields" jsonb null, "summary" jsonb null, "undo" jsonb null, "merged_by" text null, "undo_until" timestamptz not null, "undone_at" timestamptz null, "undone_by" text null, "undo_report" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "customer_merge_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_merge_deleted_at" ON "customer_merge" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_merge_primary_id_created_at" ON "customer_merge" ("primary_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_merge_status" ON "customer_merge" ("status") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "customer_merge" cascade;`);
  }

}
