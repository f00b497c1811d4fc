import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207184930 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "customer_sales" drop constraint if exists "customer_sales_customer_id_unique";`);
    this.addSql(`create table if not exists "customer_sales" ("id" text not null, "customer_id" text not null, "order_count" integer not null default 0, "total_spent" integer not null default 0, "currency_code" text null, "last_order_at" timestamptz null, "computed_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "customer_sales_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_sales_deleted_at" ON "customer_sales" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_customer_sales_customer_id_unique" ON "customer_sales" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_sales_total_spent" ON "customer_sales" ("total_spent") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_sales_last_order_at" ON "customer_sales" ("last_order_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_sales_order_count" ON "customer_sales" ("order_count") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "customer_sales" cascade;`);
  }

}
