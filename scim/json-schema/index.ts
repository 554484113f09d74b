/** JSON Schemas for every SCIM response body, and validation against the schemas a target publishes. */
export { type ScimBodyKind, validateBody } from './validate.ts';
export { validateAgainstPublishedSchemas } from './published.ts';
export { SCIM_TYPES } from './messages.ts';
