/**
 * A watched import folder: new files that appear in it are imported and moved to done/ or failed/ (with a
 * "<file>.причина.txt" next to a failed file saying why). A file is picked up only once its size has stayed
 * the same for one polling interval, so half-copied files are not imported.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './db/client';
import { importFiles, type ImportFileReport } from './import';
import { log } from './log';

const IMPORTABLE = /\.(pdf|docx|txt|doc|rtf|odt|zip)$/i;

export interface WatchResult {
	file: string;
	outcome: ImportFileReport['status'] | 'queued';
	movedTo: string;
	message: string | null;
}

function uniqueTarget(dir: string, name: string): string {
	let target = path.join(dir, name);
	for (let i = 2; fs.existsSync(target); i++) {
		const ext = path.extname(name);
		target = path.join(dir, `${path.basename(name, ext)} (${i})${ext}`);
	}
	return target;
}

/** Imports the stable files currently in `dir` and moves them; returns what happened to each. */
export async function scanOnce(db: Db, dir: string, stable: (file: string, size: number) => boolean = () => true): Promise<WatchResult[]> {
	const done = path.join(dir, 'done');
	const failed = path.join(dir, 'failed');
	fs.mkdirSync(done, { recursive: true });
	fs.mkdirSync(failed, { recursive: true });
	const candidates = fs
		.readdirSync(dir, { withFileTypes: true })
		.filter((e) => e.isFile() && !e.name.startsWith('.'))
		.map((e) => path.join(dir, e.name))
		.filter((f) => stable(f, fs.statSync(f).size));
	const results: WatchResult[] = [];
	for (const file of candidates) {
		const name = path.basename(file);
		let reports: ImportFileReport[];
		if (!IMPORTABLE.test(name)) {
			reports = [{ path: name, status: 'rejected', actId: null, units: 0, requisites: null, message: 'Формат файла не поддерживается: нужны PDF, DOCX, TXT, DOC, RTF, ODT или ZIP с ними.' }];
		} else {
			const bytes = new Uint8Array(fs.readFileSync(file));
			reports = (await importFiles(db, [{ name, bytes }])).files;
		}
		// An archive may hold several files: it failed if any of them was rejected (the reasons are listed).
		const rejected = reports.filter((r) => r.status === 'rejected' && !r.jobId);
		const queued = reports.some((r) => r.jobId);
		const ok = rejected.length === 0;
		const target = uniqueTarget(ok ? done : failed, name);
		fs.renameSync(file, target);
		if (!ok) {
			const reason = rejected.map((r) => `${r.path}: ${r.message}`).join('\n');
			fs.writeFileSync(`${target}.причина.txt`, reason + '\n');
		}
		const outcome = ok ? (queued ? 'queued' : reports.every((r) => r.status === 'duplicate') ? 'duplicate' : 'imported') : 'rejected';
		results.push({ file: name, outcome, movedTo: target, message: ok ? (reports.find((r) => r.message)?.message ?? null) : rejected.map((r) => r.message).join('; ') });
		log.info('watched file processed', { file: name, outcome, movedTo: target });
	}
	return results;
}

/** Polls `dir` every `intervalMs`; a file is imported once its size is unchanged since the previous poll. */
export function watchFolder(db: Db, dir: string, intervalMs = 2000): { stop: () => void } {
	fs.mkdirSync(dir, { recursive: true });
	const sizes = new Map<string, number>();
	let stopped = false;
	let timer: NodeJS.Timeout | null = null;
	const stable = (file: string, size: number) => {
		const before = sizes.get(file);
		sizes.set(file, size);
		return before === size;
	};
	const tick = async () => {
		if (stopped) return;
		try {
			const results = await scanOnce(db, dir, stable);
			for (const r of results) sizes.delete(path.join(dir, r.file));
		} catch (e) {
			log.error('watch folder scan failed', { dir, error: String(e) });
		}
		if (!stopped) timer = setTimeout(tick, intervalMs);
	};
	timer = setTimeout(tick, 10);
	log.info('watching import folder', { dir });
	return {
		stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
		}
	};
}
