import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123022737 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "mailing_subscription" drop constraint if exists "mailing_subscription_customer_id_customer_group_id_unique";`);
    this.addSql(`alter table if exists "customer_consent" drop constraint if exists "customer_consent_customer_id_unique";`);
    this.addSql(`create table if not exists "consent_event" ("id" text not null, "customer_id" text not null, "kind" text check ("kind" in ('opt_out', 'subscription')) not null, "subject" text null, "old_value" text null, "new_value" text not null, "source" text check ("source" in ('admin', 'storefront', 'import', 'system')) not null, "actor_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "consent_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_consent_event_deleted_at" ON "consent_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_consent_event_customer_id_created_at" ON "consent_event" ("customer_id", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "customer_consent" ("id" text not null, "customer_id" text not null, "marketing_opt_out" boolean not null default false, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "customer_consent_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_consent_deleted_at" ON "customer_consent" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_customer_consent_customer_id_unique" ON "customer_consent" ("customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "customer_note" ("id" text not null, "customer_id" text not null, "body" text not null, "author_id" text null, "updated_by" text null, "pinned" boolean not null default false, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "customer_note_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_note_deleted_at" ON "customer_note" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_note_customer_id_created_at" ON "customer_note" ("customer_id", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "customer_note_revision" ("id" text not null, "note_id" text not null, "body" text not null, "written_by" text null, "replaced_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "customer_note_revision_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_note_revision_note_id" ON "customer_note_revision" ("note_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_note_revision_deleted_at" ON "customer_note_revision" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "mailing_subscription" ("id" text not null, "customer_id" text not null, "customer_group_id" text not null, "status" text check ("status" in ('pending', 'confirmed', 'unsubscribed')) not null default 'pending', "token_hash" text null, "token_expires_at" timestamptz null, "confirmed_at" timestamptz null, "unsubscribed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "mailing_subscription_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailing_subscription_deleted_at" ON "mailing_subscription" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_mailing_subscription_customer_id_customer_group_id_unique" ON "mailing_subscription" ("customer_id", "customer_group_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailing_subscription_customer_group_id_status" ON "mailing_subscription" ("customer_group_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_mailing_subscription_token_hash" ON "mailing_subscription" ("token_hash") WHERE token_hash IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`alter table if exists "customer_note_revision" add constraint "customer_note_revision_note_id_foreign" foreign key ("note_id") references "customer_note" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "customer_note_revision" drop constraint if exists "customer_note_revision_note_id_foreign";`);

    this.addSql(`drop table if exists "consent_event" cascade;`);

    this.addSql(`drop table if exists "customer_consent" cascade;`);

    this.addSql(`drop table if exists "customer_note" cascade;`);

    this.addSql(`drop table if exists "customer_note_revision" cascade;`);

    this.addSql(`drop table if exists "mailing_subscription" cascade;`);
  }

}
