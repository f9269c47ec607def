#!/usr/bin/env node
// Entry point of the cppnb command; the TypeScript is compiled to dist/ by the set-up.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('cppnb: not built yet; run `npm run setup` (or `npm test` / `npm start`) in the cppnb directory');
  process.exit(1);
}
const { main } = await import(entry.href);
const code = await main(process.argv.slice(2));
if (code >= 0) process.exit(code);
