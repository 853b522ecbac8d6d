/**
 * Whether `url` (absolute, or relative to `base`) is on the FHIR server at `base`: the same origin, and a path
 * that is the base path itself or lies under it. The base path itself counts because servers page with
 * `[base]?_getpages=…` (HAPI); a mere string prefix would not do, since `https://fhir.example.org.evil.com/`
 * starts with `https://fhir.example.org` and `/fhir-other/` with `/fhir`.
 */
export function isUnderBase(url: string, base: string): boolean {
  let root: URL;
  let target: URL;
  try {
    root = new URL(base);
    target = new URL(url, root.href.endsWith("/") ? root : `${root.href}/`);
  } catch {
    return false;
  }
  if (target.origin !== root.origin) return false;
  const basePath = root.pathname.replace(/\/+$/, "");
  return target.pathname === basePath || target.pathname.startsWith(`${basePath}/`);
}
