/** Media types of the attachments steps emit and reports read (suite contract, issue 3). */
export const MEDIA = {
  exchange: 'application/vnd.scim-harness.exchange+json',
  skip: 'application/vnd.scim-harness.skip+json',
  warning: 'application/vnd.scim-harness.warning+json',
  note: 'application/vnd.scim-harness.note+json',
  assertion: 'application/vnd.scim-harness.assertion+json',
} as const;

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** One HTTP exchange as attached to the scenario: secrets redacted, bodies parsed when JSON. */
export interface ExchangeRecord {
  request: RecordedRequest;
  response?: { status: number; headers: Record<string, string>; body?: unknown };
  error?: string;
  durationMs: number;
}

/** What a step sees of a response (not redacted: steps compare real values). */
export interface Exchange {
  status: number;
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json?: unknown;
  durationMs: number;
  request: RecordedRequest;
}
