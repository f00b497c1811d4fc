import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123022552 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "referral_source" drop constraint if exists "referral_source_name_unique";`);
    this.addSql(`alter table if exists "customer_profile" drop constraint if exists "customer_profile_customer_number_unique";`);
    this.addSql(`alter table if exists "customer_profile" drop constraint if exists "customer_profile_customer_id_unique";`);
    this.addSql(`create table if not exists "customer_profile" ("id" text not null, "customer_id" text not null, "title" text null, "gender" text check ("gender" in ('female', 'male', 'other', 'unspecified')) null, "date_of_birth" timestamptz null, "anniversary" timestamptz null, "nationality" text null, "gate_code" text null, "customer_number" text null, "phone_original" text null, "alt_phone" text null, "alt_phone_original" text null, "referral_source_id" text null, "photo_file_id" text null, "photo_url" text null, "email_invalid_at" timestamptz null, "email_last_attempt_at" timestamptz null, "origin" text check ("origin" in ('admin', 'import', 'pos', 'storefront', 'checkout')) not null default 'admin', "status_override" text check ("status_override" in ('pending_approval')) null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "customer_profile_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_profile_deleted_at" ON "customer_profile" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_customer_profile_customer_id_unique" ON "customer_profile" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_customer_profile_customer_number_unique" ON "customer_profile" ("customer_number") WHERE customer_number IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_profile_email_invalid_at" ON "customer_profile" ("email_invalid_at") WHERE email_invalid_at IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_profile_referral_source_id" ON "customer_profile" ("referral_source_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "referral_source" ("id" text not null, "name" text not null, "rank" integer not null default 0, "active" boolean not null default true, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "referral_source_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_referral_source_deleted_at" ON "referral_source" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_referral_source_name_unique" ON "referral_source" ("name") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "customer_profile" cascade;`);

    this.addSql(`drop table if exists "referral_source" cascade;`);
  }

}
