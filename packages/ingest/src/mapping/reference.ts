import { asString, indexedText, isObject } from "./fhir-values.js";

/**
 * A reference as Vigil stores it: the target's FHIR id, or — for a conditional reference not yet resolved —
 * `?identifier=<system>|<value>`, which the store rewrites to the id once a resource with that identifier
 * lands.
 */
export type StoredRef = string;

export interface ParsedReference {
  readonly resourceType: string;
  /** The target's id, or a conditional reference in stored form (starts with "?"). */
  readonly ref: StoredRef;
}

/** How references inside one input resolve: `urn:uuid:` entries of the Bundle it came in, and the server. */
export interface ReferenceScope {
  /** Bundle `fullUrl` → `Type/id` of the entry's resource. */
  readonly bundleUrls?: ReadonlyMap<string, string>;
}

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;
const ABSOLUTE = /\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;
const CONDITIONAL = /^([A-Z][A-Za-z]+)\?(.+)$/;

export function conditionalRef(system: string, value: string): StoredRef {
  return `?identifier=${system}|${value}`;
}

/** A conditional reference read from a resource: it sits in indexed columns (patient_fhir_id…) until it resolves. */
function readConditional(system: string, value: string): StoredRef {
  return indexedText(conditionalRef(system, value), "A conditional reference");
}

/**
 * Parses `Reference.reference`: relative (`Patient/123`), absolute (`https://x/fhir/Patient/123`),
 * `urn:uuid:` within a Bundle, and conditional (`Patient?identifier=system|value`). A reference with only
 * an `identifier` becomes a conditional reference too. Anything else is undefined.
 */
export function parseReference(reference: unknown, scope: ReferenceScope = {}): ParsedReference | undefined {
  if (!isObject(reference)) return undefined;
  const text = asString(reference["reference"]);
  if (text === undefined) {
    const identifier = reference["identifier"];
    const type = asString(reference["type"]);
    if (isObject(identifier) && type !== undefined) {
      const value = asString(identifier["value"]);
      if (value !== undefined)
        return { resourceType: type, ref: readConditional(asString(identifier["system"]) ?? "", value) };
    }
    return undefined;
  }
  if (text.startsWith("urn:uuid:") || text.startsWith("urn:oid:")) {
    const target = scope.bundleUrls?.get(text);
    return target === undefined ? undefined : parseReference({ reference: target });
  }
  const bundled = scope.bundleUrls?.get(text);
  if (bundled !== undefined) return parseReference({ reference: bundled });
  const relative = RELATIVE.exec(text);
  if (relative !== null) return { resourceType: relative[1]!, ref: relative[2]! };
  const conditional = CONDITIONAL.exec(text);
  if (conditional !== null) {
    const params = new URLSearchParams(conditional[2]);
    const identifier = params.get("identifier");
    if (identifier === null || [...params.keys()].length !== 1) return undefined;
    const bar = identifier.indexOf("|");
    const system = bar < 0 ? "" : identifier.slice(0, bar);
    const value = bar < 0 ? identifier : identifier.slice(bar + 1);
    return value === "" ? undefined : { resourceType: conditional[1]!, ref: readConditional(system, value) };
  }
  if (/^https?:\/\//.test(text)) {
    const absolute = ABSOLUTE.exec(text);
    if (absolute !== null) return { resourceType: absolute[1]!, ref: absolute[2]! };
  }
  return undefined;
}

/** The id of a reference of the expected type, or undefined. */
export function referenceTo(
  reference: unknown,
  resourceType: string,
  scope?: ReferenceScope,
): StoredRef | undefined {
  const parsed = parseReference(reference, scope);
  return parsed !== undefined && parsed.resourceType === resourceType ? parsed.ref : undefined;
}

export function isConditionalRef(ref: StoredRef): boolean {
  return ref.startsWith("?");
}
