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
		expect: { requireAssertions: true }
	}
});
