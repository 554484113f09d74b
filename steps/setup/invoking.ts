import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { request } from 'undici';
import { USER_AGENT } from '../http/user-agent.ts';
import { SetupFailed, SetupUnsupported, type Operation, type SetupAdapter } from './adapter.ts';

type Invoke = (operation: Operation, args: unknown[]) => Promise<unknown>;

/** A SetupAdapter whose every operation goes through one `invoke`: the shape of vendor modules and hooks. */
function adapterOver(invoke: Invoke): SetupAdapter {
  return new Proxy({} as SetupAdapter, {
    get: (_target, name) => (typeof name === 'string' ? (...args: unknown[]) => invoke(name as Operation, args) : undefined),
  });
}

/**
 * A vendor's module: `export async function createTenant(spec) {...}` and so on (any subset of SetupAdapter);
 * a missing export makes the scenarios that need it skip.
 */
export function moduleSetup(path: string): SetupAdapter {
  let loaded: Promise<Record<string, unknown>> | undefined;
  return adapterOver(async (operation, args) => {
    loaded ??= import(pathToFileURL(resolve(path)).href) as Promise<Record<string, unknown>>;
    const mod = await loaded;
    const fn = mod[operation] ?? (mod.default as Record<string, unknown> | undefined)?.[operation];
    if (typeof fn !== 'function') throw new SetupUnsupported(operation, `the module ${path} does not export it`);
    return (fn as (...a: unknown[]) => unknown)(...args);
  });
}

/** The product's own words for declining, when its answer carries them (`error`, `detail` or `reason`). */
function reasonIn(text: string): string {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const why = [body.reason, body.detail, body.error].find((v) => typeof v === 'string' && v.trim());
    return why ? `: ${String(why).slice(0, 200)}` : '';
  } catch {
    return '';
  }
}

/**
 * A vendor's HTTP hooks: POST {url}/{operation} with {"args": [...]} → 200 {"result": ...}; 404 or 501 means
 * "not offered" (the scenario skips); any other status fails the step.
 */
export function hooksSetup(url: string, headers: Record<string, string> = {}): SetupAdapter {
  return adapterOver(async (operation, args) => {
    const res = await request(`${url}/${operation}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...headers },
      body: JSON.stringify({ args }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.body.text();
    if (res.statusCode === 404 || res.statusCode === 501) throw new SetupUnsupported(operation, `the hooks answered ${res.statusCode}${reasonIn(text)}`);
    if (res.statusCode >= 300) throw new SetupFailed(operation, `the hooks answered ${res.statusCode}: ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as { result?: unknown }).result : undefined;
  });
}
