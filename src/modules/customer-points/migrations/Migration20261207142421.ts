import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207142421 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "points_account" add column if not exists "next_expiry_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "points_account" drop column if exists "next_expiry_at";`);
  }

}
