import { defineConfig } from 'drizzle-kit';

// Each capability owns its tables in src/features/<capability>/<capability>.tables.ts; the database
// layer knows none of them, so the schema is found by glob.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/features/**/*.tables.ts',
  out: './migrations',
  casing: 'snake_case',
});
