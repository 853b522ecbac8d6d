import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The dashboard is built to dist/app and served at / by `vigil serve`.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ["@vigil/source"] },
  build: { outDir: "dist/app", emptyOutDir: true },
});
