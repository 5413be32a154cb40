/**
 * Accounts and findings: region scope of the queue/export/stats, visibility of one finding for form actions (whose id
 * comes in the body, not the route, so the central guard cannot check it), and the audit entry of a decision.
 */
import type { SQL } from 'drizzle-orm';
import { audit, type AuditActor } from '../audit';
import { findingScope, isVisible } from '../auth/scope';
import type { Db } from '../db/client';
import type { FindingRow } from '../db/schema';

/** SQL condition on `finding` rows the signed-in user may see (undefined: all, or no accounts in this request). */
export function scopeOf(locals: App.Locals): SQL | undefined {
	return locals.user ? findingScope(locals.user) : undefined;
}

/** Whether the signed-in user may see (and so decide on) this finding. Without a user the guard has already decided. */
export function canSeeFinding(db: Db, locals: App.Locals, id: number): boolean {
	return locals.user ? isVisible(db, locals.user, 'finding', id) : true;
}

/** Runs a triage decision and appends its audit entry in one transaction. */
export function decideAudited(db: Db, actor: AuditActor, id: number, run: () => FindingRow): FindingRow {
	return db.transaction(() => {
		const row = run();
		audit(db, actor, 'triage', 'finding', id, { status: row.status, rule: row.ruleId, reason: row.reason });
		return row;
	});
}
