/**
 * A minimal, defensive ZIP reader for DOCX: reads the central directory (declared sizes) without
 * inflating anything, and inflates single entries with a hard output limit, so a zip bomb can neither
 * exhaust memory nor lie about its sizes.
 */
import { inflateRawSync } from 'node:zlib';
import { UserError } from '$lib/core/errors';

export interface ZipEntry {
	name: string;
	method: number;
	flags: number;
	compressedSize: number;
	uncompressedSize: number;
	localHeaderOffset: number;
}

/** Limits of the zip-bomb guard. */
export const ZIP_LIMITS = {
	/** Sum of declared uncompressed sizes of all entries. */
	maxTotalUncompressed: 256 * 1024 * 1024,
	/** Declared uncompressed size of one XML part we inflate. */
	maxEntryUncompressed: 64 * 1024 * 1024,
	/** Compression ratio above which a large entry is treated as a bomb. */
	maxRatio: 120,
	/** Entries smaller than this are never judged by ratio (tiny XML compresses well). */
	ratioMinSize: 2 * 1024 * 1024,
	/** Entries in one archive: a real act in Word has dozens; tens of thousands only slow every later step down. */
	maxEntries: 10_000
};

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

export class ZipFormatError extends Error {}

function view(bytes: Uint8Array): DataView {
	return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Reads the central directory. Throws ZipFormatError if the archive structure is broken. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
	const dv = view(bytes);
	const len = bytes.length;
	if (len < 22) throw new ZipFormatError('too short for a zip archive');
	let eocd = -1;
	const stop = Math.max(0, len - 22 - 0xffff);
	for (let i = len - 22; i >= stop; i--) {
		if (dv.getUint32(i, true) === EOCD_SIG) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) throw new ZipFormatError('end of central directory not found (truncated archive?)');
	const count = dv.getUint16(eocd + 10, true);
	const cdSize = dv.getUint32(eocd + 12, true);
	const cdOffset = dv.getUint32(eocd + 16, true);
	if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipFormatError('ZIP64 archives are not supported');
	if (cdOffset + cdSize > eocd) throw new ZipFormatError('central directory lies outside the archive');
	const decoder = new TextDecoder('utf-8');
	const entries: ZipEntry[] = [];
	let p = cdOffset;
	for (let n = 0; n < count; n++) {
		if (p + 46 > len || dv.getUint32(p, true) !== CEN_SIG) throw new ZipFormatError(`bad central directory entry #${n}`);
		const flags = dv.getUint16(p + 8, true);
		const method = dv.getUint16(p + 10, true);
		const compressedSize = dv.getUint32(p + 20, true);
		const uncompressedSize = dv.getUint32(p + 24, true);
		const nameLen = dv.getUint16(p + 28, true);
		const extraLen = dv.getUint16(p + 30, true);
		const commentLen = dv.getUint16(p + 32, true);
		const localHeaderOffset = dv.getUint32(p + 42, true);
		if (p + 46 + nameLen > len) throw new ZipFormatError('entry name outside the archive');
		const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
		entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
		p += 46 + nameLen + extraLen + commentLen;
	}
	return entries;
}

/**
 * Rejects archives whose declared sizes or compression ratios are those of a zip bomb.
 * Works on the central directory only: nothing is inflated.
 */
export function assertNotZipBomb(entries: ZipEntry[]): void {
	if (entries.length > ZIP_LIMITS.maxEntries) throw zipBomb(`${entries.length} entries (limit ${ZIP_LIMITS.maxEntries})`);
	let total = 0;
	for (const e of entries) {
		total += e.uncompressedSize;
		const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
		const suspicious =
			e.uncompressedSize === 0xffffffff ||
			(e.uncompressedSize >= ZIP_LIMITS.ratioMinSize && ratio > ZIP_LIMITS.maxRatio);
		if (suspicious) throw zipBomb(`entry ${e.name}: ${e.compressedSize} → ${e.uncompressedSize} bytes (ratio ${ratio.toFixed(0)})`);
	}
	if (total > ZIP_LIMITS.maxTotalUncompressed) throw zipBomb(`declared uncompressed total ${total} bytes`);
}

export function zipBomb(detail: string): UserError {
	return new UserError(
		'zip_bomb',
		'Файл отклонён: после распаковки документ Word становится непомерно большим (признак «zip-бомбы» или повреждённого файла). Откройте его в Word, сохраните заново и загрузите ещё раз.',
		detail
	);
}

/** Inflates one entry; never produces more than `limit` bytes (throws zip_bomb instead). */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, limit = ZIP_LIMITS.maxEntryUncompressed): Uint8Array {
	const dv = view(bytes);
	const p = entry.localHeaderOffset;
	if (p + 30 > bytes.length || dv.getUint32(p, true) !== LOC_SIG) throw new ZipFormatError(`bad local header for ${entry.name}`);
	if (entry.flags & 1) throw new ZipFormatError(`entry ${entry.name} is encrypted`);
	const nameLen = dv.getUint16(p + 26, true);
	const extraLen = dv.getUint16(p + 28, true);
	const start = p + 30 + nameLen + extraLen;
	const end = start + entry.compressedSize;
	if (end > bytes.length) throw new ZipFormatError(`entry ${entry.name} is truncated`);
	const data = bytes.subarray(start, end);
	if (entry.method === 0) {
		if (data.length > limit) throw zipBomb(`stored entry ${entry.name} larger than ${limit}`);
		return data;
	}
	if (entry.method !== 8) throw new ZipFormatError(`entry ${entry.name}: unsupported compression method ${entry.method}`);
	// Never trust the declared size: cap the output of the inflater itself.
	const cap = Math.min(limit, Math.max(entry.uncompressedSize, 1024) + 1024);
	try {
		return inflateRawSync(data, { maxOutputLength: cap });
	} catch (err) {
		const e = err as NodeJS.ErrnoException;
		if (e.code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
			throw zipBomb(`entry ${entry.name} inflates beyond ${cap} bytes (declared ${entry.uncompressedSize})`);
		}
		throw new ZipFormatError(`entry ${entry.name}: ${e.message}`);
	}
}
