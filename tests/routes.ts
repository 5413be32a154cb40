/** The app's route ids, read from src/routes (for tests that must cover every route). */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths';

const ENTRY = /^\+(page\.svelte|page\.server\.ts|page\.ts|server\.ts|layout\.server\.ts)$/;

/** Every directory under src/routes with a page, endpoint or server layout, as a route id («/», «/acts/[id]» …). */
export function routeIds(dir = path.join(ROOT, 'src/routes'), prefix = ''): string[] {
	const entries = fs.readdirSync(dir, { withFileTypes: true });
	const out = entries.some((e) => e.isFile() && ENTRY.test(e.name)) ? [prefix || '/'] : [];
	for (const e of entries) if (e.isDirectory()) out.push(...routeIds(path.join(dir, e.name), `${prefix}/${e.name}`));
	return out;
}
