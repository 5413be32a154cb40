/** A file download response with a Russian file name (RFC 5987) and an ASCII fallback. */
export function download(bytes: Uint8Array, mime: string, fileName: string): Response {
	const ascii = fileName.replace(/[^\x20-\x7e]+/g, '_').replace(/"/g, '');
	return new Response(bytes as BodyInit, {
		headers: {
			'Content-Type': mime,
			'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
			'Cache-Control': 'no-store'
		}
	});
}

/** A positive integer query parameter, or null. */
export function idParam(url: URL, name: string): number | null {
	const n = Number(url.searchParams.get(name));
	return Number.isInteger(n) && n > 0 ? n : null;
}
