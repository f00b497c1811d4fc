import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123022736 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "timeline_customer_snapshot" drop constraint if exists "timeline_customer_snapshot_customer_id_unique";`);
    this.addSql(`create table if not exists "timeline_customer_snapshot" ("id" text not null, "customer_id" text not null, "values" jsonb not null, "pending_actor_type" text null, "pending_actor_id" text null, "pending_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "timeline_customer_snapshot_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_timeline_customer_snapshot_deleted_at" ON "timeline_customer_snapshot" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_timeline_customer_snapshot_customer_id_unique" ON "timeline_customer_snapshot" ("customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "timeline_entry" ("id" text not null, "customer_id" text not null, "kind" text not null, "summary" text not null, "data" jsonb null, "actor_type" text not null default 'system', "actor_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "timeline_entry_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_timeline_entry_deleted_at" ON "timeline_entry" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_timeline_entry_customer_id_created_at" ON "timeline_entry" ("customer_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_timeline_entry_customer_id_kind" ON "timeline_entry" ("customer_id", "kind") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "timeline_customer_snapshot" cascade;`);

    this.addSql(`drop table if exists "timeline_entry" cascade;`);
  }

}
