import { todayIso } from '$lib/core/health';
import { getDb } from '$lib/server/db/client';
import { scopeOf } from '$lib/server/exports/data';
import { ICS_MIME, calendarIcs } from '$lib/server/exports/ics';
import type { RequestHandler } from './$types';

/** The deadlines feed for Outlook / Яндекс Календарь subscriptions. */
export const GET: RequestHandler = ({ url, locals }) =>
	new Response(calendarIcs(getDb(), { today: todayIso(), baseUrl: url.origin, scope: scopeOf(locals.user) }), {
		headers: { 'Content-Type': ICS_MIME, 'Content-Disposition': 'inline; filename="popravka.ics"', 'Cache-Control': 'no-cache' }
	});
