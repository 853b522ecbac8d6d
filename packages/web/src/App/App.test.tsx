import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { App } from "./App.js";

describe("App", () => {
  it("renders the product name and the version it was given", () => {
    const html = renderToStaticMarkup(<App version="1.2.3" />);
    expect(html).toContain("<h1>Vigil</h1>");
    expect(html).toContain("Vigil 1.2.3");
  });
});
