import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../src/lib/server/db/client';
import { insertActRows, loadCorpus } from '../src/lib/server/search/corpus';
import { paramsFromUrl, runSearch, searchHref } from '../src/lib/server/search/params';
import { searchUnits } from '../src/lib/server/search/service';
import { SHARED_ACTS } from './paths';

let dir: string;
let db: Db;

beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-search-url-'));
	db = openDb(path.join(dir, 'url.db'));
	// Rows inserted WITHOUT indexAct: the first search on a connection must index them (start-up check).
	for (const a of loadCorpus(SHARED_ACTS)) insertActRows(db, a);
});

afterAll(() => {
	db?.$client.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('search links', () => {
	it('round-trips query and filters through the URL, so a search is a link to share', () => {
		const u = new URL('http://x/search?q=%22личном+обращении%22+210-ФЗ&kind=постановление&region=Мурманская+область&year=2018&open=1&page=3');
		const p = paramsFromUrl(u);
		expect(p).toEqual({ q: '"личном обращении" 210-ФЗ', kind: 'постановление', body: null, region: 'Мурманская область', year: '2018', open: true, page: 3 });
		expect(paramsFromUrl(new URL('http://x' + searchHref(p, { page: 3 })))).toEqual(p);
		// a filter link resets paging and keeps the rest
		const withBody = paramsFromUrl(new URL('http://x' + searchHref(p, { body: 'Администрация' })));
		expect(withBody).toMatchObject({ body: 'Администрация', page: 1, region: 'Мурманская область' });
		// garbage values are dropped, not errors
		expect(paramsFromUrl(new URL('http://x/search?q=a&year=20x8&page=-4&open=maybe'))).toMatchObject({ year: null, page: 1, open: false });
	});

	it('runs the same search from URL params, indexing acts found without an index entry', () => {
		const p = paramsFromUrl(new URL('http://x/search?q=регламента&year=2018'));
		const r = runSearch(db, p, null);
		expect(r.total).toBeGreaterThan(0);
		expect(r.total).toBe(searchUnits(db, { q: 'регламента', year: '2018' }).total);
		for (const h of r.hits) expect(h.actDate?.slice(0, 4)).toBe('2018');
		expect(r.facets!.year.map((y) => y.value)).toEqual(['2018']);
		const page2 = runSearch(db, { ...p, page: 2 }, null, 5);
		const page1 = runSearch(db, { ...p, page: 1 }, null, 5);
		expect(page2.hits.map((h) => h.unitId)).not.toEqual(page1.hits.map((h) => h.unitId));
	});
});
