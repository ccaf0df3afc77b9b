// A store's location is a file path (SQLite) or a PostgreSQL connection URL: how to tell them apart, and how to name
// a URL in what is printed without its password.

/** `postgres://…` or `postgresql://…`, as libpq and node-postgres accept them. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL without its password (`postgres://tne13:***@db:5432/tne13`), for logs and messages. */
export function redactPostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    // Not a URL the WHATWG parser reads (a socket path in the host, say): everything between "//" and "@" hidden.
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}
