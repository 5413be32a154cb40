/**
 * Real acts from the shared corpus as act/unit rows, for search tests and the search benchmark
 * (bulk insert without PDF extraction). Not used by the application itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/client';

export interface CorpusUnit {
	path: string;
	label: string;
	kind: string;
	text: string;
}

export interface CorpusAct {
	file: string;
	kind: string | null;
	body: string | null;
	date: string | null;
	number: string | null;
	title: string | null;
	region: string | null;
	text: string;
	units: CorpusUnit[];
}

const MARK = '----- ТЕКСТ -----';

function header(head: string, name: string): string | null {
	const line = head.split('\n').find((l) => l.startsWith(name + ':'));
	return line ? line.slice(name.length + 1).trim() : null;
}

/** Splits act text into units: one per non-empty paragraph, numbered ones ("2.3.1.") get a point path. */
export function unitsOf(text: string): CorpusUnit[] {
	const units: CorpusUnit[] = [];
	const used = new Set<string>();
	let para = 0;
	for (const line of text.split('\n')) {
		const t = line.trim();
		if (!t) continue;
		para++;
		const m = /^(\d+(?:\.\d+)*)[.)]\s/.exec(t);
		let p = m ? `p-${m[1]}` : `a-${para}`;
		if (used.has(p)) p = `${p}_${para}`;
		used.add(p);
		units.push({
			path: p,
			label: m ? `п. ${m[1]}` : `абз. ${para}`,
			kind: m ? 'point' : 'paragraph',
			text: t
		});
	}
	return units;
}

/** Parses a corpus file (description header, then the act text after "----- ТЕКСТ -----") or a plain text file. */
export function parseCorpusFile(file: string): CorpusAct {
	const raw = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
	const at = raw.indexOf(MARK);
	const head = at >= 0 ? raw.slice(0, at) : '';
	const text = at >= 0 ? raw.slice(at + MARK.length).trim() : raw.trim();
	const kindBody = header(head, 'Вид акта, орган');
	const dateNumber = header(head, 'Дата, номер') ?? '';
	const dm = /(\d{2})\.(\d{2})\.(\d{4})/.exec(dateNumber);
	const nm = /(?:№|N)\s*([\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*)/u.exec(dateNumber);
	const kb = kindBody ? /^(\S+)\s+(.*)$/.exec(kindBody) : null;
	return {
		file: path.basename(file),
		kind: kb ? kb[1].toLowerCase() : null,
		body: kb ? kb[2] : null,
		date: dm ? `${dm[3]}-${dm[2]}-${dm[1]}` : null,
		number: nm ? nm[1] : null,
		title: header(head, 'Название') ?? text.split('\n')[0].slice(0, 200),
		region: header(head, 'Регион')?.split(',')[0].trim() ?? null,
		text,
		units: unitsOf(text)
	};
}

/** All corpus acts of a folder (sorted by file name) plus extra plain-text files. */
export function loadCorpus(actsDir: string, extraFiles: string[] = []): CorpusAct[] {
	const files = fs
		.readdirSync(actsDir)
		.filter((f) => f.endsWith('.txt'))
		.sort()
		.map((f) => path.join(actsDir, f));
	return [...files, ...extraFiles].map(parseCorpusFile);
}

let seq = 0;
/** Inserts an act and its units (no indexing), returns the act id. */
export function insertActRows(db: Db, a: Omit<CorpusAct, 'file'> & { file?: string }): number {
	const c = db.$client;
	const sha = `${a.file ?? 'act'}-${process.pid}-${Date.now()}-${seq++}-${Math.random()}`;
	const info = c
		.prepare(
			`INSERT INTO act(kind, body, date, number, title, region, format, file_name, sha256, size_bytes, text)
			 VALUES (?, ?, ?, ?, ?, ?, 'txt', ?, ?, ?, ?)`
		)
		.run(a.kind, a.body, a.date, a.number, a.title, a.region, a.file ?? 'act.txt', sha, a.text.length, a.text);
	const actId = Number(info.lastInsertRowid);
	const ins = c.prepare(
		`INSERT INTO unit(act_id, ord, kind, path, label, depth, text, start, "end") VALUES (?, ?, ?, ?, ?, 0, ?, 0, 0)`
	);
	a.units.forEach((u, i) => ins.run(actId, i, u.kind, u.path, u.label, u.text));
	return actId;
}
