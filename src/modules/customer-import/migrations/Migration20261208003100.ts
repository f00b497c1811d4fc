import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261208003100 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "import_row" add column if not exists "terms_pending" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "import_row" drop column if exists "terms_pending";`);
  }

}
