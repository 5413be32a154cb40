import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The database file: DATABASE_URL (a file path, optionally prefixed with "file:") or data/popravka.db. */
export function databasePath(url = process.env.DATABASE_URL): string {
	const raw = url && url.trim() ? url.trim() : 'data/popravka.db';
	return raw.replace(/^file:/, '');
}

/** The drizzle migrations folder, found from the project root whether running from src or build. */
export function migrationsFolder(): string {
	const candidates = [
		path.resolve(process.cwd(), 'drizzle'),
		path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../drizzle')
	];
	for (const c of candidates) if (fs.existsSync(path.join(c, 'meta', '_journal.json'))) return c;
	throw new Error(`drizzle migrations folder not found (looked in ${candidates.join(', ')})`);
}

/** Opens (creating if needed) the SQLite file and applies pending migrations. */
export function openDb(file = databasePath()): Db {
	if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	const sqlite = new Database(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	const db = drizzle(sqlite, { schema }) as Db;
	migrate(db, { migrationsFolder: migrationsFolder() });
	return db;
}

let shared: Db | null = null;
/** The process-wide database (server and CLI). */
export function getDb(): Db {
	if (!shared) shared = openDb();
	return shared;
}

/** Closes the process-wide database (tests, CLI exit). */
export function closeDb(): void {
	shared?.$client.close();
	shared = null;
}
