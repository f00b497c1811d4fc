import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207142706 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "import_run" add column if not exists "encoding_report" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "import_run" drop column if exists "encoding_report";`);
  }

}
