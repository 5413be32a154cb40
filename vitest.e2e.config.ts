import { defineConfig } from 'vitest/config';

/** End-to-end tests: the built app (node build) driven by Debian's Chromium through playwright-core. */
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.e2e.ts'],
		environment: 'node',
		globalSetup: ['tests/e2e/global-setup.ts'],
		testTimeout: 120_000,
		hookTimeout: 300_000,
		fileParallelism: false,
		// A real browser on a shared 2-core machine: one retry absorbs a timing hiccup; a real failure fails twice.
		retry: 1,
		expect: { requireAssertions: true }
	}
});
