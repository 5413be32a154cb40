/** Region scoping of background jobs (OCR / conversion queue), which are listed on /acts and /api/jobs. */
import type { Db } from '../db/client';
import type { Job } from '../db/schema';
import type { SessionUser } from './roles';
import { actRegion, canSeeRegion, seesAllRegions } from './scope';

/** A job is visible when its act is, else when its recorded scope region is the user's. */
export function visibleJob(db: Db, user: SessionUser, j: Pick<Job, 'actId' | 'scopeRegion'>): boolean {
	if (seesAllRegions(user)) return true;
	if (j.actId != null) {
		const r = actRegion(db, j.actId);
		if (r !== undefined) return canSeeRegion(user, r);
	}
	return canSeeRegion(user, j.scopeRegion);
}
