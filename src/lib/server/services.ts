/**
 * Wires services together once per process (server start, CLI): registers import hooks
 * (search index, findings) and brings derived data up to date.
 */
import type { Db } from './db/client';
import { auditActInDb, syncPacks } from './findings';
import { actHooks } from './import';
import { log } from './log';
import { ensureSearchIndex, indexAct, unindexAct } from './search/service';

let initialized = false;

export async function initServices(db: Db): Promise<void> {
	if (initialized) return;
	initialized = true;
	// Findings: every imported act is audited inside its import transaction with the packs compiled once here.
	actHooks.afterInsert.push((hookDb, actId) => {
		auditActInDb(hookDb, actId);
	});
	// Search: the act's clauses are indexed in the same transaction, so a committed act is searchable at once.
	actHooks.afterInsert.push(indexAct);
	actHooks.beforeDelete.push(unindexAct);
	try {
		ensureSearchIndex(db);
	} catch (e) {
		log.error('search index check failed', { error: String((e as Error)?.stack ?? e) });
	}
	try {
		syncPacks(db);
	} catch (e) {
		log.error('rule packs sync failed', { error: String((e as Error)?.stack ?? e) });
	}
}
