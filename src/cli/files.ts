/** Expands CLI path arguments (files or folders, recursively) into importable files. */
import fs from 'node:fs';
import path from 'node:path';

export const IMPORTABLE = /\.(pdf|docx|txt|doc|rtf|odt|zip)$/i;

/** Returns files in a stable order; folders contribute their importable files, explicit files are kept as given. */
export function expandPaths(args: string[]): { files: string[]; missing: string[] } {
	const files: string[] = [];
	const missing: string[] = [];
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.isFile() && IMPORTABLE.test(entry.name)) files.push(full);
		}
	};
	for (const arg of args) {
		let stat: fs.Stats;
		try {
			stat = fs.statSync(arg);
		} catch {
			missing.push(arg);
			continue;
		}
		if (stat.isDirectory()) walk(arg);
		else files.push(arg);
	}
	return { files, missing };
}
