import { defineConfig } from 'drizzle-kit';

// Each capability owns its tables in src/features/<capability>/*.tables.ts, and each part of the
// platform in src/platform/<part>/*.tables.ts; the database layer knows none of them, so the schema
// is found by glob.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/**/*.tables.ts', './src/features/**/*.tables.ts'],
  out: './migrations',
  casing: 'snake_case',
});
