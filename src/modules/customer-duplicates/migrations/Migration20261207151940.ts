import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207151940 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "customer_duplicate_subject" drop constraint if exists "customer_duplicate_subject_customer_id_unique";`);
    this.addSql(`alter table if exists "customer_duplicate_pair" drop constraint if exists "customer_duplicate_pair_customer_a_id_customer_b_id_unique";`);
    this.addSql(`alter table if exists "customer_duplicate_dismissal" drop constraint if exists "customer_duplicate_dismissal_customer_a_id_customer_b_id_unique";`);
    this.addSql(`create table if not exists "customer_duplicate_block_key" ("id" text not null, "customer_id" text not null, "kind" text not null, "value" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "customer_duplicate_block_key_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_duplicate_block_key_deleted_at" ON "customer_duplicate_block_key" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_duplicate_block_key_kind_value" ON "customer_duplicate_block_key" ("kind", "value") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_duplicate_block_key_customer_id" ON "customer_duplicate_block_key" ("customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "customer_duplicate_dismissal" ("id" text not null, "customer_a_id" text not null, "customer_b_id" text not null, "fingerprint_a" text not null, "fingerprint_b" text not null, "dismissed_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "customer_duplicate_dismissal_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_duplicate_dismissal_deleted_at" ON "customer_duplicate_dismissal" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_customer_duplicate_dismissal_customer_a_id_customer_b_id_unique" ON "customer_duplicate_dismissal" ("customer_a_id", "customer_b_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_duplicate_dismissal_customer_b_id" ON "customer_duplicate_dismissal" ("customer_b_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "customer_duplicate_pair" ("id" text not null, "customer_a_id" text not null, "customer_b_id" text not null, "score" real not null, "confidence" text check ("confidence" in ('likely', 'possible')) not null, "reasons" jsonb not null, "fingerprint_a" text not null, "fingerprint_b" text not null, "scan_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "customer_duplicate_pair_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_duplicate_pair_deleted_at" ON "customer_duplicate_pair" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_customer_duplicate_pair_customer_a_id_customer_b_id_unique" ON "customer_duplicate_pair" ("customer_a_id", "customer_b_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_duplicate_pair_customer_b_id" ON "customer_duplicate_pair" ("customer_b_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_duplicate_pair_confidence_score" ON "customer_duplicate_pair" ("confidence", "score") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "customer_duplicate_scan" ("id" text not null, "job_id" text null, "mode" text check ("mode" in ('full', 'incremental')) not null, "since" timestamptz null, "started_at" timestamptz not null, "finished_at" timestamptz null, "status" text check ("status" in ('running', 'completed')) not null default 'running', "customers" integer not null default 0, "pairs" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "customer_duplicate_scan_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_duplicate_scan_deleted_at" ON "customer_duplicate_scan" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_duplicate_scan_status_started_at" ON "customer_duplicate_scan" ("status", "started_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "customer_duplicate_subject" ("id" text not null, "customer_id" text not null, "email_key" text null, "phone_key" text null, "first_key" text null, "last_key" text null, "first_canon" text null, "fingerprint" text not null, "scan_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "customer_duplicate_subject_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_duplicate_subject_deleted_at" ON "customer_duplicate_subject" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_customer_duplicate_subject_customer_id_unique" ON "customer_duplicate_subject" ("customer_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "customer_duplicate_block_key" cascade;`);

    this.addSql(`drop table if exists "customer_duplicate_dismissal" cascade;`);

    this.addSql(`drop table if exists "customer_duplicate_pair" cascade;`);

    this.addSql(`drop table if exists "customer_duplicate_scan" cascade;`);

    this.addSql(`drop table if exists "customer_duplicate_subject" cascade;`);
  }

}
