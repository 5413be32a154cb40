import { todayIso } from '$lib/core/health';
import { dashboard } from '$lib/server/dashboard';
import { scopeOf } from '$lib/server/exports/data';
import { getDb } from '$lib/server/db/client';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => dashboard(getDb(), todayIso(), scopeOf(locals.user));
