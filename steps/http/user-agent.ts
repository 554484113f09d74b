import { readFileSync } from 'node:fs';

/**
 * The suite's own User-Agent, `scim-harness/<version>` (RFC 9110 §10.1.5 product token), read once from the
 * package.json next to the code. IdPs name themselves the same way, so a server's access log tells a conformance
 * run apart from real provisioning traffic. The simulators keep the User-Agent of the IdP they imitate.
 */
export const USER_AGENT: string = (() => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return `${pkg.name}/${pkg.version}`;
})();
