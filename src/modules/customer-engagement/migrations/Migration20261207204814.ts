import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207204814 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "customer_invitation" ("id" text not null, "customer_id" text not null, "email" text not null, "status" text check ("status" in ('sent', 'opened', 'registered', 'replaced')) not null default 'sent', "token_hash" text null, "expires_at" timestamptz not null, "trigger" text not null default 'manual', "sent_by" text null, "opened_at" timestamptz null, "registered_at" timestamptz null, "account_customer_id" text null, "merge_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "customer_invitation_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_invitation_deleted_at" ON "customer_invitation" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_invitation_customer_id_created_at" ON "customer_invitation" ("customer_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_customer_invitation_token_hash" ON "customer_invitation" ("token_hash") WHERE token_hash IS NOT NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "customer_invitation" cascade;`);
  }

}
