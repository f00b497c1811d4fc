import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123013652 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "backoffice_job" drop constraint if exists "backoffice_job_key_unique";`);
    this.addSql(`create table if not exists "backoffice_job" ("id" text not null, "type" text not null, "queue" text not null, "key" text not null, "status" text check ("status" in ('queued', 'active', 'retrying', 'completed', 'failed', 'cancelled')) not null default 'queued', "progress" integer not null default 0, "counts" jsonb not null default '{}', "message" text null, "payload" jsonb not null default '{}', "result" jsonb null, "checkpoint" jsonb null, "error" text null, "attempts" integer not null default 0, "max_attempts" integer not null default 3, "run" integer not null default 1, "lease" text null, "worker" text null, "created_by" text null, "cancel_requested_at" timestamptz null, "started_at" timestamptz null, "finished_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "backoffice_job_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_backoffice_job_deleted_at" ON "backoffice_job" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_backoffice_job_key_unique" ON "backoffice_job" ("key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_backoffice_job_type_status" ON "backoffice_job" ("type", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_backoffice_job_status_created_at" ON "backoffice_job" ("status", "created_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "backoffice_job" cascade;`);
  }

}
