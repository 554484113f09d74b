/** Plain-text rendering of HTTP exchanges and assertion values, for JUnit bodies and the HTML report. */
import type { Exchange } from './types.ts';

export function valueText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2) ?? String(value);
}

const headerLines = (headers: Record<string, string> | undefined) =>
  Object.entries(headers ?? {}).map(([k, v]) => `${k}: ${v}`);

export const requestLine = (x: Exchange) => `${x.request.method} ${x.request.url}`;

export function requestText(x: Exchange): string {
  const body = valueText(x.request.body);
  return [requestLine(x), ...headerLines(x.request.headers), ...(body ? ['', body] : [])].join('\n');
}

export function responseText(x: Exchange): string {
  if (!x.response) return `no response: ${x.error ?? 'unknown error'} (after ${x.durationMs} ms)`;
  const body = valueText(x.response.body);
  return [`HTTP ${x.response.status} (${x.durationMs} ms)`, ...headerLines(x.response.headers), ...(body ? ['', body] : [])].join('\n');
}

export const exchangeText = (x: Exchange) => `${requestText(x)}\n\n${responseText(x)}`;
