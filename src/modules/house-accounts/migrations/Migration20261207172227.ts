import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207172227 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "house_account_statement" ("id" text not null, "account_id" text not null, "period_start" timestamptz not null, "period_end" timestamptz not null, "currency_code" text not null, "opening_balance" integer not null, "charges" integer not null, "credits" integer not null, "adjustments" integer not null, "closing_balance" integer not null, "amount_due" integer not null, "entry_count" integer not null, "pdf_file_key" text null, "csv_file_key" text null, "generated_by_type" text not null, "generated_by_id" text null, "emailed_to" jsonb null, "emailed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "house_account_statement_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_house_account_statement_deleted_at" ON "house_account_statement" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_house_account_statement_account_id_period_start_period_end" ON "house_account_statement" ("account_id", "period_start", "period_end") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "house_account_statement" cascade;`);
  }

}
