import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123042718 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "import_row" drop constraint if exists "import_row_run_id_row_number_unique";`);
    this.addSql(`create table if not exists "import_row" ("id" text not null, "run_id" text not null, "row_number" integer not null, "raw" jsonb not null, "values" jsonb not null, "errors" jsonb null, "row_error" text null, "action" text check ("action" in ('new', 'update', 'unchanged', 'invalid')) not null default 'invalid', "email_key" text null, "customer_id" text null, "excluded" boolean not null default false, "duplicate_of" integer null, "edited" boolean not null default false, "applied_at" timestamptz null, "result" text null, "fail_reason" text null, "before_image" jsonb null, "written_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "import_row_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_import_row_deleted_at" ON "import_row" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_import_row_run_id_row_number_unique" ON "import_row" ("run_id", "row_number") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_import_row_run_id_email_key" ON "import_row" ("run_id", "email_key") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "import_run" ("id" text not null, "status" text check ("status" in ('uploaded', 'parsing', 'review', 'committing', 'completed', 'failed', 'undoing', 'undone', 'cancelled')) not null default 'uploaded', "file_name" text not null, "file_size" integer not null default 0, "file_id" text null, "encoding" text null, "delimiter" text null, "created_by" text null, "parent_run_id" text null, "headers" jsonb null, "mapping" jsonb null, "counts" jsonb null, "job_id" text null, "backup_file_id" text null, "committed_at" timestamptz null, "undo_until" timestamptz null, "undone_at" timestamptz null, "undo_skipped" jsonb null, "error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "import_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_import_run_deleted_at" ON "import_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_import_run_created_at" ON "import_run" ("created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_import_run_parent_run_id" ON "import_run" ("parent_run_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "import_row" cascade;`);

    this.addSql(`drop table if exists "import_run" cascade;`);
  }

}
