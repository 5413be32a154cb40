/** Structured log lines on stderr: precise errors for operators, never shown to users. */
type Fields = Record<string, unknown>;

function write(level: string, msg: string, fields?: Fields): void {
	if (process.env.POPRAVKA_LOG === 'silent') return;
	const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields });
	process.stderr.write(line + '\n');
}

export const log = {
	info: (msg: string, fields?: Fields) => write('info', msg, fields),
	warn: (msg: string, fields?: Fields) => write('warn', msg, fields),
	error: (msg: string, fields?: Fields) => write('error', msg, fields)
};
