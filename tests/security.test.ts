/**
 * Safety nets for access control that do not need a browser:
 *  - every route with a parameter is covered by the central entity guard in hooks (auth/guard.ts), so a new
 *    id-bearing route cannot silently leak another region's data;
 *  - the CSP and the CSRF origin check are configured;
 *  - no component renders text as raw HTML ({@html}); the cookie flags are checked in tests/e2e/auth.e2e.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entitiesFor } from '../src/lib/server/auth/guard';
import { ROOT } from './paths';
import { routeIds } from './routes';

describe('central guard coverage', () => {
	const ids = routeIds();
	it('finds the app routes', () => {
		expect(ids).toContain('/acts/[id]');
		expect(ids).toContain('/login');
	});
	it('checks the entity of every route with an [id] parameter', () => {
		const withParams = ids.filter((r) => /\[/.test(r));
		expect(withParams.length).toBeGreaterThan(0);
		for (const r of withParams) {
			const params = Object.fromEntries([...r.matchAll(/\[([^\]]+)\]/g)].map((m) => [m[1], '1']));
			// Only `id` parameters are understood by the guard: any other parameter name needs a guard rule first.
			expect(Object.keys(params), `route ${r}: add a rule to auth/guard.ts entitiesFor`).toEqual(['id']);
			expect(entitiesFor(r, params, new URL('http://x/')).length, `route ${r} is not covered by the entity guard`).toBe(1);
		}
	});
});

describe('headers and cookies configuration', () => {
	it('has a CSP without unsafe script sources and keeps the CSRF origin check', async () => {
		const config = (await import(path.join(ROOT, 'svelte.config.js'))).default;
		const csp = config.kit.csp;
		expect(csp.mode).toBe('auto');
		expect(csp.directives['default-src']).toEqual(['self']);
		expect(csp.directives['script-src']).toEqual(['self']);
		expect(csp.directives['object-src']).toEqual(['none']);
		expect(csp.directives['frame-ancestors']).toEqual(['none']);
		expect(csp.directives['form-action']).toEqual(['self']);
		expect(config.kit.csrf?.checkOrigin).not.toBe(false);
		expect(config.kit.csrf?.trustedOrigins ?? []).toEqual([]);
	});
	it('never renders text as raw HTML in routes without a reviewed reason', () => {
		const offenders: string[] = [];
		const walk = (dir: string) => {
			for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
				const p = path.join(dir, e.name);
				if (e.isDirectory()) walk(p);
				else if (e.name.endsWith('.svelte') && /\{@html\s/.test(fs.readFileSync(p, 'utf8'))) offenders.push(path.relative(ROOT, p));
			}
		};
		walk(path.join(ROOT, 'src'));
		expect(offenders).toEqual([]);
	});
});
