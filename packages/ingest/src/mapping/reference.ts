import { asString, indexedText, isObject } from "./fhir-values.js";

/**
 * A reference as Vigil stores it: the target's FHIR id, or — for a conditional reference not yet resolved —
 * `?identifier=<token>` (see {@link conditionalRef}), which the store rewrites to the id once a resource with
 * that identifier lands.
 */
export type StoredRef = string;

/**
 * The identifier a conditional reference names, with FHIR token search semantics (R4 §3.1.1.4.2, search on
 * `identifier`): `system|value` matches that identifier exactly, `|value` only an identifier without a system,
 * and a bare `value` the value in any system, or none.
 */
export interface IdentifierToken {
  /** undefined: any system (a bare `value`); "": only identifiers without a system (`|value`). */
  readonly system: string | undefined;
  readonly value: string;
}

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

const PREFIX = "?identifier=";

/** FHIR search escaping of `\` and `|`, so a `|` inside a system or value is never read as the separator. */
function escapeToken(text: string): string {
  return text.replace(/[\\|]/g, "\\$&");
}

/**
 * The stored form of a conditional reference: `?identifier=` and the search token, `system|value`, `|value`
 * or `value`, with `\` and `|` escaped as in a FHIR search. The store matches references to identifiers by
 * this exact text, so both sides must build it here.
 */
export function conditionalRef(system: string | undefined, value: string): StoredRef {
  const token = escapeToken(value);
  return `${PREFIX}${system === undefined ? token : `${escapeToken(system)}|${token}`}`;
}

/** Characters FHIR search escapes with a backslash; a backslash before anything else is itself. */
const ESCAPED = new Set(["\\", "|", ",", "$"]);

/**
 * A FHIR search token split at its first unescaped `|`, its escapes (`\|`, `\\`, `\,`, `\$`) undone;
 * undefined without a value (`system|` would match every identifier of a system, not one resource).
 */
function parseToken(text: string): IdentifierToken | undefined {
  let system: string | undefined;
  let part = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\" && ESCAPED.has(text[i + 1] ?? "")) part += text[++i]!;
    else if (c === "|" && system === undefined) {
      system = part;
      part = "";
    } else part += c;
  }
  return part === "" ? undefined : { system, value: part };
}

/** The identifier a stored conditional reference names; undefined for a resolved reference (an id). */
export function parseConditionalRef(ref: StoredRef): IdentifierToken | undefined {
  return ref.startsWith(PREFIX) ? parseToken(ref.slice(PREFIX.length)) : undefined;
}

/** A conditional reference read from a resource: it sits in indexed columns (patient_fhir_id…) until it resolves. */
function readConditional(system: string | undefined, value: string): StoredRef {
  return indexedText(conditionalRef(system, value), "A conditional reference");
}

/**
 * Parses `Reference.reference`: relative (`Patient/123`), absolute (`https://x/fhir/Patient/123`),
 * `urn:uuid:` within a Bundle, and conditional (`Patient?identifier=system|value`, `|value` or `value`, see
 * {@link IdentifierToken}). A reference with only an `identifier` becomes a conditional reference too.
 * Anything else is undefined.
 */
export function parseReference(reference: unknown, scope: ReferenceScope = {}): ParsedReference | undefined {
  if (!isObject(reference)) return undefined;
  const text = asString(reference["reference"]);
  if (text === undefined) {
    const identifier = reference["identifier"];
    const type = asString(reference["type"]);
    if (isObject(identifier) && type !== undefined) {
      const value = asString(identifier["value"]);
      // An Identifier without a system has an unknown namespace (R4 Identifier.system: "establishes the
      // namespace for the value"), not an empty one: it names the value in any system, as `identifier=value`
      // does. Reading it as `|value` would never find a target that carries the system the sender left out.
      if (value !== undefined)
        return { resourceType: type, ref: readConditional(asString(identifier["system"]), value) };
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
    const token = parseToken(identifier);
    return token === undefined
      ? undefined
      : { resourceType: conditional[1]!, ref: readConditional(token.system, token.value) };
  }
  if (/^https?:\/\//.test(text)) {
    const absolute = ABSOLUTE.exec(text);
    if (absolute !== null) return { resourceType: absolute[1]!, ref: absolute[2]! };
  }
  return undefined;
}

export interface ReferenceTarget {
  /**
   * The element can reference no other type (R4 `Reference(Encounter)`, as Observation.encounter), so a
   * Reference with only an identifier names one without a `type`. Elements with several target types
   * (`Reference(Patient | Group)`) need the `type` to tell which resource's identifier it is.
   */
  readonly onlyTarget?: boolean;
}

/** The id of a reference of the expected type, or undefined. */
export function referenceTo(
  reference: unknown,
  resourceType: string,
  scope?: ReferenceScope,
  target: ReferenceTarget = {},
): StoredRef | undefined {
  // Only a Reference without `reference` text reads its `type` (and only then is a copy worth making: this
  // runs for every Observation's encounter).
  const typed =
    target.onlyTarget === true &&
    isObject(reference) &&
    reference["type"] === undefined &&
    asString(reference["reference"]) === undefined
      ? { ...reference, type: resourceType }
      : reference;
  const parsed = parseReference(typed, scope);
  return parsed !== undefined && parsed.resourceType === resourceType ? parsed.ref : undefined;
}
