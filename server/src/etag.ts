// Conditional GETs (RFC 9110 §13.1.2): a client sends back the ETag it was given and gets a 304 while it holds.

/** If-None-Match compares weakly: `W/"x"` matches `"x"`, and `*` matches anything. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}
