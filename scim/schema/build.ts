import type { AttributeDef, AttributeType } from './types.ts';

/** RFC 7643 §2.2 defaults, so each definition below states only what differs from them. */
export function attr(name: string, type: AttributeType, options: Partial<AttributeDef> = {}): AttributeDef {
  const def: AttributeDef = {
    name,
    type,
    multiValued: false,
    description: options.description ?? name,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
  if (type === 'reference' && !def.referenceTypes) def.referenceTypes = ['external'];
  return def;
}

/** The common shape of a multi-valued complex attribute such as emails or phoneNumbers (RFC 7643 §2.4). */
export function multiValuedComplex(
  name: string,
  valueType: AttributeType,
  canonicalTypes: string[],
  extra: Partial<AttributeDef> = {},
  valueOptions: Partial<AttributeDef> = {},
): AttributeDef {
  return attr(name, 'complex', {
    multiValued: true,
    ...extra,
    subAttributes: [
      attr('value', valueType, valueOptions),
      attr('display', 'string'),
      attr('type', 'string', { canonicalValues: canonicalTypes }),
      attr('primary', 'boolean'),
    ],
  });
}
