import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig, resolveRuntime } from '@qoldau/core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { projectRoot } from './app.factory';
import { AppModule } from './app.module';

/**
 * `npm run migration:run`      apply pending migrations (also done on every start)
 * `npm run migration:check`    exit 1 if the entities describe a schema the migrations do not create
 * `npm run migration:generate -- Name`   write the SQL the entities still need as a new migration to review
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (!['run', 'check', 'generate'].includes(command ?? '') || (command === 'generate' && !name)) {
    process.stderr.write('usage: migrate run | check | generate <Name>\n');
    process.exit(2);
  }
  const runtime = await resolveRuntime(loadConfig(process.env));
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(runtime.config, { worker: false, http: false }), { logger: ['error', 'warn'] });
  try {
    const pending = (await app.get(DataSource).driver.createSchemaBuilder().log()).upQueries;
    if (command === 'run') {
      process.stdout.write('Migrations are up to date.\n');
    } else if (command === 'check') {
      if (pending.length > 0) {
        process.stderr.write(`Entities and migrations disagree; missing SQL:\n${pending.map((q) => q.query).join(';\n')};\n`);
        process.exitCode = 1;
      } else process.stdout.write('Entities and migrations agree.\n');
    } else {
      const timestamp = Date.now();
      const file = join(projectRoot(__dirname), 'migrations', `${timestamp}-${name}.ts`);
      const body = pending.map((q) => `    await queryRunner.query(\`${q.query.replace(/`/g, '\\`')}\`);`).join('\n');
      writeFileSync(
        file,
        `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${timestamp} implements MigrationInterface {\n  name = '${name}${timestamp}';\n\n  public async up(queryRunner: QueryRunner): Promise<void> {\n${body}\n  }\n\n  public async down(): Promise<void> {\n    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');\n  }\n}\n`,
      );
      process.stdout.write(`Wrote ${file}: review it, then add it to migrations/index.ts.\n`);
    }
  } finally {
    await app.close();
    await runtime.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? '' : 'migrate failed: '}${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
