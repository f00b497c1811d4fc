import { Migration } from "@medusajs/framework/mikro-orm/migrations";


export class Migration20261123022204 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "customer_removal" drop constraint if exists "customer_removal_customer_id_unique";`);
    this.addSql(`create table if not exists "customer_removal" ("id" text not null, "customer_id" text not null, "removed_by" text null, "group_ids" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "customer_removal_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_removal_deleted_at" ON "customer_removal" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_customer_removal_customer_id_unique" ON "customer_removal" ("customer_id") WHERE deleted_at IS NULL;`);

  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "customer_removal" cascade;`);
  }

}
