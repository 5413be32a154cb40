/**
 * An error whose `message` is a clear Russian sentence for the user and whose `detail` is the precise
 * technical cause for the log. `code` is stable for tests and API clients.
 */
export class UserError extends Error {
	constructor(
		public readonly code: string,
		message: string,
		public readonly detail?: string
	) {
		super(message);
		this.name = 'UserError';
	}
}
