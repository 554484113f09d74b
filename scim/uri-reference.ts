/**
 * URI references as SCIM uses them: `meta.location`, `$ref`, a bulk operation's `location` and the HTTP `Location`
 * header may each be absolute or relative (RFC 7643 §2.3.7, RFC 7231 §7.1.2 and §3.1.4.2). Whoever follows one
 * resolves it per RFC 3986 §5.2, never by string concatenation.
 */

/**
 * The base URI against which a SCIM reference is resolved: the service root with a trailing slash, so that
 * "Users/2819c223" lands under the root (RFC 7643 §2.3.7 makes the base everything up to, but not including, the
 * endpoint, e.g. "https://example.com/v2/"). Without the slash RFC 3986 §5.2.3 would drop the root's last segment.
 * Throws TypeError when `serviceRoot` is not an absolute URL.
 */
export function serviceRootBase(serviceRoot: string | URL): URL {
  const base = new URL(String(serviceRoot));
  base.search = '';
  base.hash = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return base;
}

/**
 * Resolves a URI reference (absolute, scheme-relative "//host/…", root-relative "/scim/v2/Users/1", or
 * path-relative "Users/1") per RFC 3986 §5.2 against `base`, an absolute URL (use serviceRootBase() for references
 * found in SCIM bodies, the effective request URI for an HTTP Location header). Returns undefined when `ref` is
 * not a string or cannot be resolved (so the caller reports the server's value instead of crashing).
 */
export function resolveReference(ref: unknown, base: string | URL): URL | undefined {
  if (typeof ref !== 'string' || ref.trim() === '') return undefined;
  try {
    return new URL(ref, base);
  } catch {
    return undefined;
  }
}

/** A SCIM body reference resolved against the service root (see serviceRootBase); undefined when it cannot be. */
export function resolveScimReference(ref: unknown, serviceRoot: string | URL): URL | undefined {
  return resolveReference(ref, serviceRootBase(serviceRoot));
}

/** True when `ref` is an absolute URI (has a scheme, RFC 3986 §4.3); a relative reference answers false. */
export function isAbsoluteUri(ref: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(ref);
}
