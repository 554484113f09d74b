import type { ServerResponse } from 'node:http';
import { ScimError } from '../../scim/errors.ts';
import { SCIM_CONTENT_TYPE } from '../../scim/urns.ts';

const CONTENT_TYPE = `${SCIM_CONTENT_TYPE}; charset=utf-8`;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': CONTENT_TYPE, 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}

export function sendError(res: ServerResponse, error: ScimError): void {
  sendJson(res, error.status, error.toBody(), error.headers);
}
