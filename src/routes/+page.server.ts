import { todayIso } from '$lib/core/health';
import { dashboard } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db/client';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => dashboard(getDb(), todayIso());
