/**
 * How the suite creates preconditions that SCIM cannot (a local user to link to, a built-in group, a legal
 * hold, tenant settings): the `setup` world parameter. Optional: without it those scenarios are skipped.
 */
export type SetupConfig =
  /** The reference server's admin API (the runner sets this when it starts the embedded server). */
  | { kind: 'reference-admin'; url: string; token: string }
  /** A vendor's ES module (path relative to the working directory) exporting the operations of SetupAdapter. */
  | { kind: 'module'; path: string }
  /** A vendor's HTTP endpoint: POST {url}/{operation} with {"args": [...]} answers {"result": ...}. */
  | { kind: 'hooks'; url: string; headers?: Record<string, string> };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a raw `setup` parameter; returns a message for what is wrong, or the config. A string is the `--setup`
 * shorthand: an http(s) URL names HTTP hooks, anything else an ES module's path.
 */
export function parseSetupConfig(raw: unknown): SetupConfig | string {
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (!text) return 'setup must name a module path or a hooks URL';
    return /^https?:\/\//i.test(text) ? { kind: 'hooks', url: text.replace(/\/+$/, '') } : { kind: 'module', path: text };
  }
  if (!isObject(raw)) return 'setup must be an object, a module path or a hooks URL';
  if (raw.kind === 'reference-admin' && typeof raw.url === 'string' && /^https?:\/\//.test(raw.url) && typeof raw.token === 'string' && raw.token) {
    return { kind: 'reference-admin', url: raw.url.replace(/\/+$/, ''), token: raw.token };
  }
  if (raw.kind === 'module' && typeof raw.path === 'string' && raw.path) return { kind: 'module', path: raw.path };
  if (raw.kind === 'hooks' && typeof raw.url === 'string' && /^https?:\/\//.test(raw.url)) {
    if (raw.headers !== undefined && !(isObject(raw.headers) && Object.values(raw.headers).every((v) => typeof v === 'string'))) {
      return 'setup.headers must be an object of strings';
    }
    return { kind: 'hooks', url: raw.url.replace(/\/+$/, ''), ...(raw.headers ? { headers: raw.headers as Record<string, string> } : {}) };
  }
  return "setup: expected {kind:'reference-admin',url,token} | {kind:'module',path} | {kind:'hooks',url,headers?}";
}
