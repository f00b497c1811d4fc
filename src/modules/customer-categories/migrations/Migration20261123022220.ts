import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123022220 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "category_detail" ("id" text not null, "description" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "category_detail_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_category_detail_deleted_at" ON "category_detail" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "category_detail" cascade;`);
  }

}
