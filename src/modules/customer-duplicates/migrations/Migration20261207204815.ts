import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207204815 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "customer_merge" add column if not exists "source" text check ("source" in ('staff', 'invitation')) not null default 'staff';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "customer_merge" drop column if exists "source";`);
  }

}
