import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App/App.js";

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <App version="0.1.0" />
  </StrictMode>,
);
