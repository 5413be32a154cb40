/**
 * Wires services together once per process (server start, CLI): registers import hooks
 * (search index, findings) and brings derived data up to date.
 */
import type { Db } from './db/client';

let initialized = false;

export async function initServices(db: Db): Promise<void> {
	if (initialized) return;
	initialized = true;
	void db;
}
