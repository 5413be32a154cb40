import { closeDb, databasePath, getDb } from '../../lib/server/db/client';

export const usage = 'migrate   создать базу и применить миграции';

export async function run(): Promise<number> {
	getDb();
	closeDb();
	console.log(`База ${databasePath()} готова.`);
	return 0;
}
