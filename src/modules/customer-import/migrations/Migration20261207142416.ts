import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207142416 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "import_run" add column if not exists "labels" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "import_run" drop column if exists "labels";`);
  }

}
