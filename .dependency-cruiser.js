// @ts-check
/**
 * The layering of the code, checked by `npm run lint` (README: "How the code is laid out").
 *
 * Capabilities (src/features/*) stand in layers: a capability may use those in lower layers, never
 * one in its own layer or above, so the features form a tree of dependencies and no folder can
 * reach back to itself. A new capability goes into the lowest layer above everything it uses.
 */
const LAYERS = [
  ['postcodes', 'specialisms', 'settings'],
  ['schools'],
  ['leaders'],
  ['accounts', 'directory'],
  ['enquiries'],
  ['agreements'],
  ['visits', 'reviews'],
  ['release', 'feedback'],
  ['matching', 'designation'],
  ['proposals'],
  ['agreement-page', 'enquiry-page', 'reviews-and-feedback', 'staff-home', 'site', 'api', 'privacy'],
];

const layerOf = new Map(LAYERS.flatMap((layer, index) => layer.map((feature) => [feature, index])));
const alternatives = (names) => `(${names.join('|')})`;

/** For each capability, a rule forbidding what is not below it. */
const layeringRules = [...layerOf].map(([feature, layer]) => {
  const notBelow = [...layerOf]
    .filter(([, other]) => other >= layer)
    .map(([name]) => name)
    .filter((name) => name !== feature);
  return {
    name: `layers-${feature}`,
    comment: `${feature} may use only the capabilities in lower layers (.dependency-cruiser.js LAYERS)`,
    severity: 'error',
    from: { path: `^src/features/${feature}/` },
    to: { path: `^src/features/${alternatives(notBelow)}/` },
  };
});

/**
 * Where a request is handled: routes, handlers, page builders (agreement-page.ts, delivery-section.ts),
 * forms and request helpers parse, call services and render, and never reach the database.
 */
const WEB_LAYER = '[.-](routes|handlers|page|pages|section|form|requests)[.]ts$';

export default {
  forbidden: [
    {
      name: 'every-capability-has-a-layer',
      comment: 'A folder under src/features must be named in LAYERS',
      severity: 'error',
      from: { path: `^src/features/(?!${alternatives([...layerOf.keys()])}/)` },
      to: {},
    },
    ...layeringRules,
    {
      name: 'platform-knows-no-capability',
      comment: 'src/platform, src/db and src/config.ts serve every capability and know none of them',
      severity: 'error',
      from: { path: '^src/(platform/|db/|config[.]ts$)' },
      to: { path: '^src/(features|seed)/|^src/(app|server|services)[.]ts$' },
    },
    {
      name: 'db-knows-nothing-of-the-web',
      comment:
        'The database layer opens and migrates the database; it knows nothing of requests, pages or the platform',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^src/(platform|features)/|^node_modules/(fastify|@fastify|nunjucks|govuk-frontend)/' },
    },
    {
      name: 'web-layer-never-reaches-the-database',
      comment: 'Handlers, routes and pages call services: no repository, table or database handle',
      severity: 'error',
      from: { path: `^src/(features|platform)/.+(${WEB_LAYER})` },
      to: { path: '[.](repository|tables)[.]ts$|^src/db/|^node_modules/(drizzle-orm|pg|@electric-sql)/' },
    },
    {
      name: 'own-repository-only',
      comment: "A repository is used only by its own capability's (or platform part's) files; others use its service",
      severity: 'error',
      from: { path: '^src/(features|platform)/([^/]+)/' },
      to: { path: '^src/(features|platform)/[^/]+/.+[.]repository[.]ts$', pathNot: '^src/$1/$2/' },
    },
    {
      name: 'tables-only-for-queries',
      comment:
        "Another capability's tables are read only where queries are written (its repositories, to join) and by tables (foreign keys); services go through that capability's service",
      severity: 'error',
      from: { path: '^src/(features|platform)/([^/]+)/', pathNot: '[.](repository|tables)[.]ts$' },
      to: { path: '^src/(features|platform)/[^/]+/.+[.]tables[.]ts$', pathNot: '^src/$1/$2/' },
    },
    {
      name: 'no-circular',
      comment: 'No file reaches itself through its imports',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '[.](test|spec)[.]ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
