/**
 * Worker-thread side of the extraction pool (see extract-pool.ts). Loads the extractor, reports
 * `ready`, then answers `{ id, bytes, name }` jobs with the ExtractedDoc or a serialized error.
 * Runs under tsx (`--import tsx`), so it can import the TypeScript sources directly.
 */
import { parentPort } from 'node:worker_threads';
import type { ExtractedDoc } from '../../core/types';

export interface JobMessage {
	id: number;
	bytes: Uint8Array;
	name: string;
}

export interface SerializedError {
	name: string;
	message: string;
	code?: string;
	detail?: string;
	stack?: string;
}

export type WorkerMessage =
	| { type: 'ready' }
	| { type: 'load-failed'; error: SerializedError }
	| { type: 'done'; id: number; doc: ExtractedDoc }
	| { type: 'failed'; id: number; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
	if (error instanceof Error) {
		const e = error as Error & { code?: unknown; detail?: unknown };
		return {
			name: e.name,
			message: e.message,
			code: typeof e.code === 'string' ? e.code : undefined,
			detail: typeof e.detail === 'string' ? e.detail : undefined,
			stack: e.stack
		};
	}
	return { name: 'Error', message: String(error) };
}

const port = parentPort;
if (port) {
	const post = (m: WorkerMessage) => port.postMessage(m);
	import('../extract/index').then(
		({ extract }) => {
			port.on('message', (job: JobMessage) => {
				extract(job.bytes, job.name).then(
					(doc) => post({ type: 'done', id: job.id, doc }),
					(error: unknown) => post({ type: 'failed', id: job.id, error: serializeError(error) })
				);
			});
			post({ type: 'ready' });
		},
		(error: unknown) => post({ type: 'load-failed', error: serializeError(error) })
	);
}
