import { describe, expect, it } from "vitest";
import { isUnderBase } from "./same-server.js";

describe("isUnderBase", () => {
  const base = "http://hapi.example/fhir";

  it("accepts the server's own pages, including HAPI's [base]?_getpages= links", () => {
    expect(isUnderBase("http://hapi.example/fhir?_getpages=abc&_getpagesoffset=20", base)).toBe(true);
    expect(isUnderBase("http://hapi.example/fhir/Patient?page=2", base)).toBe(true);
    expect(isUnderBase("http://hapi.example/fhir/", base)).toBe(true);
    expect(isUnderBase("http://hapi.example/fhir/Patient", `${base}/`)).toBe(true);
    expect(isUnderBase("Patient?page=2", base)).toBe(true);
    expect(isUnderBase("http://hapi.example/anything", "http://hapi.example")).toBe(true);
  });

  it("refuses other hosts, ports, schemes and sibling paths", () => {
    expect(isUnderBase("http://hapi.example.evil.com/fhir/Patient", base)).toBe(false);
    expect(isUnderBase("http://hapi.example.evil.com/", "http://hapi.example")).toBe(false);
    expect(isUnderBase("http://hapi.example:8080/fhir/Patient", base)).toBe(false);
    expect(isUnderBase("https://hapi.example/fhir/Patient", base)).toBe(false);
    expect(isUnderBase("http://hapi.example/fhir-other/Patient", base)).toBe(false);
    expect(isUnderBase("http://hapi.example/", base)).toBe(false);
    expect(isUnderBase("not a url at all", "not a base")).toBe(false);
  });
});
