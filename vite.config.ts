import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	ssr: {
		// pdfjs-dist and better-sqlite3 must stay unbundled on the server.
		external: ['pdfjs-dist', 'better-sqlite3', 'mammoth', 'lunr', 'lunr-languages']
	},
	test: {
		include: ['src/**/*.spec.ts', 'tests/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000,
		expect: { requireAssertions: true }
	}
});
