import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../paths';

/** Builds the app once for all end-to-end tests. */
export default function setup() {
	const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
		cwd: ROOT,
		stdio: 'inherit'
	});
	if (r.status !== 0) throw new Error('vite build failed');
}
