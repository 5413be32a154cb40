/**
 * Password hashing with scrypt (memory-hard, node:crypto, no extra dependency). Stored format:
 * "scrypt$N$r$p$<salt base64>$<hash base64>" so the parameters can be raised later without breaking old hashes.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 16384; // 2^14: ~16 MiB per hash with r = 8
const R = 8;
const P = 1;
const KEYLEN = 32;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
	return new Promise((resolve, reject) =>
		scryptCb(password.normalize('NFC'), salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key)))
	);
}

export const MIN_PASSWORD_LENGTH = 8;

/** A Russian message when the password is not acceptable, else null. */
export function passwordProblem(password: string): string | null {
	if (password.length < MIN_PASSWORD_LENGTH) return `Пароль должен быть не короче ${MIN_PASSWORD_LENGTH} символов.`;
	if (password.length > 1024) return 'Пароль слишком длинный (больше 1024 символов).';
	return null;
}

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await scrypt(password, salt, KEYLEN, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
	return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Constant-time comparison against a stored hash; false for malformed hashes. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const parts = stored.split('$');
	if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
	const [n, r, p] = parts.slice(1, 4).map(Number);
	if (![n, r, p].every((x) => Number.isInteger(x) && x > 0) || n > 1 << 20) return false;
	const salt = Buffer.from(parts[4], 'base64');
	const expected = Buffer.from(parts[5], 'base64');
	if (expected.length < 16) return false;
	const key = await scrypt(password, salt, expected.length, { N: n, r, p, maxmem: 256 * n * r + 16 * 1024 * 1024 });
	return timingSafeEqual(key, expected);
}

/** A hash of a random password: used to make login for unknown users take as long as for known ones. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
	return (dummy ??= hashPassword(randomBytes(12).toString('hex')));
}
