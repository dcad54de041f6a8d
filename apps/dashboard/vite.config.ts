import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The browser app lives in web/; `npm run build` writes dist/, which src/server serves.
// `vite` (dev mode) proxies the API to a dashboard server on :3000 (`npm start` runs one).
export default defineConfig({
  root: "web",
  plugins: [react()],
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    target: "es2022",
    // Source maps would double the download the first-load benchmark measures; dev mode has them.
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    host: "127.0.0.1",
    proxy: { "/api": "http://127.0.0.1:3000", "/rpc": "http://127.0.0.1:3000" },
  },
});
