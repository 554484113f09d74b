import { commonAttributes, coreResourceTypes, coreSchemas } from './core.ts';
import type { AttributeDef, ResourceTypeDef, SchemaDef } from './types.ts';

/** Where an attribute lives: in the base schema (or the common attributes) or under an extension URN. */
export interface ResolvedAttribute {
  /** URN of the schema that defines the attribute; undefined for the common attributes id/externalId/meta. */
  schemaUrn?: string;
  /** True when the attribute is stored under its extension URN key in the resource JSON. */
  inExtension: boolean;
  def: AttributeDef;
  /** The sub-attribute, when the path named one. */
  subDef?: AttributeDef;
}

/** A parsed attribute reference: `urn:...:User:name.givenName` → { urn, attr: 'name', sub: 'givenName' }. */
export interface AttrRef {
  urn?: string;
  attr: string;
  sub?: string;
}

const lower = (s: string) => s.toLowerCase();

export function findAttribute(list: readonly AttributeDef[] | undefined, name: string): AttributeDef | undefined {
  if (!list) return undefined;
  const key = lower(name);
  return list.find((a) => lower(a.name) === key);
}

/**
 * Schemas and resource types of one service provider. Attribute lookups are case-insensitive
 * (RFC 7643 §2.1) and return the canonical definition, whose `name` is the spelling to store and return.
 */
export class SchemaRegistry {
  readonly schemas: SchemaDef[];
  readonly resourceTypes: ResourceTypeDef[];
  private readonly byUrn = new Map<string, SchemaDef>();

  /**
   * When true, a name the base schema lacks resolves to the one extension of the resource type that defines it:
   * Entra sends `manager` unqualified in PATCH paths and filters (X-ENTRA-06). Off for strict RFC behaviour.
   */
  readonly unqualifiedExtensionNames: boolean;

  constructor(
    schemas: SchemaDef[] = coreSchemas,
    resourceTypes: ResourceTypeDef[] = coreResourceTypes,
    options: { unqualifiedExtensionNames?: boolean } = {},
  ) {
    this.schemas = schemas;
    this.resourceTypes = resourceTypes;
    this.unqualifiedExtensionNames = options.unqualifiedExtensionNames ?? false;
    for (const s of schemas) this.byUrn.set(lower(s.id), s);
  }

  schema(urn: string): SchemaDef | undefined {
    return this.byUrn.get(lower(urn));
  }

  resourceType(name: string): ResourceTypeDef | undefined {
    return this.resourceTypes.find((r) => lower(r.name) === lower(name));
  }

  resourceTypeByEndpoint(endpoint: string): ResourceTypeDef | undefined {
    return this.resourceTypes.find((r) => lower(r.endpoint) === lower(endpoint));
  }

  /** URNs a resource of this type may list in `schemas`: the base schema first, then its extensions. */
  schemaUrns(rt: ResourceTypeDef): string[] {
    return [rt.schema, ...rt.schemaExtensions.map((e) => e.schema)];
  }

  /** The extension schema of `rt` whose URN equals `key` (case-insensitively), if any. */
  extension(rt: ResourceTypeDef, key: string): SchemaDef | undefined {
    const ext = rt.schemaExtensions.find((e) => lower(e.schema) === lower(key));
    return ext ? this.schema(ext.schema) : undefined;
  }

  /**
   * Splits a possibly URN-qualified dotted attribute path such as
   * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value` into its parts,
   * matching the URN prefix against the schemas this resource type knows.
   */
  splitPath(rt: ResourceTypeDef, path: string): AttrRef {
    const lowered = lower(path);
    for (const urn of this.schemaUrns(rt)) {
      const prefix = lower(urn) + ':';
      if (lowered.startsWith(prefix)) {
        const rest = path.slice(prefix.length);
        const [a, sub] = splitDot(rest);
        return { urn, attr: a, sub };
      }
    }
    const [a, sub] = splitDot(path);
    return { attr: a, sub };
  }

  /** Resolves an attribute reference for a resource type, or undefined when the schema does not define it. */
  resolve(rt: ResourceTypeDef, ref: AttrRef): ResolvedAttribute | undefined {
    let schemaUrn: string | undefined;
    let def: AttributeDef | undefined;
    let inExtension = false;
    if (ref.urn && lower(ref.urn) !== lower(rt.schema)) {
      const ext = this.extension(rt, ref.urn);
      if (!ext) return undefined;
      def = findAttribute(ext.attributes, ref.attr);
      schemaUrn = ext.id;
      inExtension = true;
    } else {
      def = findAttribute(commonAttributes, ref.attr);
      if (!def) {
        def = findAttribute(this.schema(rt.schema)?.attributes, ref.attr);
        schemaUrn = rt.schema;
      }
      if (!def && !ref.urn && this.unqualifiedExtensionNames) {
        const owners = rt.schemaExtensions
          .map((e) => this.schema(e.schema))
          .filter((ext): ext is SchemaDef => ext !== undefined && findAttribute(ext.attributes, ref.attr) !== undefined);
        if (owners.length === 1) {
          def = findAttribute(owners[0].attributes, ref.attr);
          schemaUrn = owners[0].id;
          inExtension = true;
        }
      }
    }
    if (!def) return undefined;
    if (ref.sub === undefined) return { schemaUrn, inExtension, def };
    const subDef = findAttribute(def.subAttributes, ref.sub);
    if (!subDef) return undefined;
    return { schemaUrn, inExtension, def, subDef };
  }

  /** Resolves a dotted, possibly URN-qualified path string. */
  resolvePath(rt: ResourceTypeDef, path: string): ResolvedAttribute | undefined {
    return this.resolve(rt, this.splitPath(rt, path));
  }
}

function splitDot(s: string): [string, string | undefined] {
  const i = s.indexOf('.');
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

export const defaultRegistry = new SchemaRegistry();
