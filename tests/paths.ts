/** Paths used by tests and scripts, relative to the repository root (CI clones the repo with shared/ beside it). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Read-only shared material: real acts, labelled clauses, fixtures. */
export const SHARED = process.env.POPRAVKA_SHARED
	? path.resolve(process.env.POPRAVKA_SHARED)
	: path.resolve(ROOT, '..', 'shared');
export const SHARED_ACTS = path.join(SHARED, 'corpus', 'acts');
export const SHARED_CLAUSES = path.join(SHARED, 'corpus', 'clauses-dev.jsonl');
export const FIXTURES = path.join(SHARED, 'fixtures');
export const CORPUS = path.join(ROOT, 'corpus');
