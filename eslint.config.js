// ESLint flat config. Besides a light rule set, it enforces the dependency direction of
// ../shared/style.md ("Dependency direction") with two lists per folder: `no-restricted-imports`
// for bare modules, `pantau/layers` (eslint/layer-rule.js) for the project's folders by resolved
// path. test/unit/lint-layers.test.ts shows each rule firing and the tree clean of them.
// ESLint replaces (never merges) a rule's options when a later block matches the same file, so
// each folder's lists below are complete on their own: `layer(...)` builds them from shared pieces.
// Import cycles are checked by dpdm in `npm run lint` (it sees imports across files).
// Type-aware rules (floating promises and friends) need the whole TypeScript program, which
// doubles the run time; they are on when PANTAU_LINT_TYPED=1, as in scripts/test.sh (npm test,
// CI), and off in the quick `npm run lint`, which runs `tsc --noEmit` anyway.
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import layerPlugin from './eslint/layer-rule.js';

const TS = ['**/*.ts', '**/*.tsx'];
// The files tsconfig.json includes: only these can get type information.
const TYPED = ['{server,shared,client,test,bench,scripts}/**/*.{ts,tsx}', 'vite.config.ts', 'vitest.config.ts'];
const typeAware = process.env.PANTAU_LINT_TYPED === '1';

// --- import restrictions -------------------------------------------------------------------
// Two rules per folder: `no-restricted-imports` for bare modules and specifier shapes, and
// `pantau/layers` (eslint/layer-rule.js) for the project's own folders, on resolved paths.

const ROOT = import.meta.dirname;

/** A bare module (and its subpaths), e.g. `ioredis`, `socket.io`, `node:fs`. */
const mod = (name, why) => ({
  regex: `^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/|$)`,
  message: why,
});
/** A Node built-in, with or without the `node:` prefix. */
const builtin = (name, why) => ({ regex: `^(node:)?${name}(/|$)`, message: why });
/** A folder of the project (`server/live/`, with the slash) or one file (`server/config.ts`), by resolved path. */
const into = (path, why, importNames) => ({ path, message: why, ...(importNames ? { importNames } : {}) });

const DIRECTION = 'see ../shared/style.md "Dependency direction"';
const noBarrelInside = {
  regex: '^\\./index\\.tsx?$',
  message: "A folder's index.ts is its public surface; code inside the folder imports the file itself.",
};
// Store is the only Redis user: nothing else imports ioredis, nor takes a connection by type.
// What other layers need from Redis is a Store function that says what it does (the
// simulator's lease, the sweeper's query, the rate limiter's send, the readiness ping).
const noRedis = mod('ioredis', `Only server/store imports ioredis: call a function of server/store instead; ${DIRECTION}.`);
const noRedisType = into(
  'server/store/connect.ts',
  `Only server/store holds a Redis connection; take the server/store function you need instead of a \`Redis\`; ${DIRECTION}.`,
  ['Redis'],
);
const noSocketIo = [
  mod('socket.io', `Only server/live (and server/app.ts, test/, bench/) may import socket.io; ${DIRECTION}.`),
];
const ioModules = (where) =>
  ['fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'child_process', 'dgram', 'dns', 'worker_threads', 'cluster'].map(
    (m) => builtin(m, `${where} has no I/O; ${DIRECTION}.`),
  );
const serverFolders = (where, names) => names.map((n) => into(`server/${n}/`, `${where} may not import server/${n}; ${DIRECTION}.`));
/** server/config.ts, log.ts, main.ts, app.ts: the process's own files. */
const serverRootFiles = (where) =>
  ['config', 'log', 'main', 'app'].map((f) => into(`server/${f}.ts`, `${where} gets config, logger and clock as arguments; ${DIRECTION}.`));

/** Concatenates restriction lists: { modules: no-restricted-imports patterns, paths: pantau/layers entries }. */
const rules = (...parts) => ({
  modules: parts.flatMap((p) => p.modules ?? []),
  paths: parts.flatMap((p) => p.paths ?? []),
});

// Restrictions every server file has, unless a layer lifts one.
const serverBase = ({ redis = false, socket = false } = {}) => ({
  modules: [
    noBarrelInside,
    mod('socket.io-client', 'The server does not use the Socket.IO client (tests do).'),
    ...(redis ? [] : [noRedis]),
    ...(socket ? [] : noSocketIo),
  ],
  paths: [into('client/', `server/ never imports client/; ${DIRECTION}.`), ...(redis ? [] : [noRedisType])],
});
const clientBase = ({ socketClient = false } = {}) => ({
  modules: [
    noBarrelInside,
    ...['ioredis', 'express', 'socket.io', 'pino'].map((m) => mod(m, 'Server-only module: the client runs in the browser.')),
    { regex: '^node:', message: 'Node built-ins do not exist in the browser.' },
    ...(socketClient
      ? []
      : [mod('socket.io-client', 'Only client/live talks Socket.IO; views and components read from client/live.')]),
  ],
  paths: [into('server/', `client/ never imports server/: share through shared/; ${DIRECTION}.`)],
});
const lowerClient = (where) => ({ paths: [into('client/views/', `${where} sits below client/views; ${DIRECTION}.`)] });
// Ui -> ClientLive: presentational folders take data as props; client/views reads client/live
// and client/api and passes it down.
const uiOnly = (where) => ({
  paths: ['live', 'api'].map((f) =>
    into(`client/${f}/`, `${where} is UI: it gets data as props from client/views, never from client/${f}; ${DIRECTION}.`),
  ),
});

const MIDDLE = ['adapters', 'ingest', 'store', 'live', 'sim', 'city', 'alerts'];
const layer = (files, { modules, paths }) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: modules }],
    'pantau/layers': ['error', { root: ROOT, forbid: paths }],
  },
});
const noExpress = (why) => ({ modules: [mod('express', why)] });

const liveRules = (opts = {}) =>
  rules(
    serverBase({ socket: true, ...opts }),
    noExpress(`server/live serves Socket.IO; HTTP lives in server/http; ${DIRECTION}.`),
    { paths: serverFolders('server/live', ['adapters', 'ingest', 'sim', 'alerts', 'http', 'cli']) },
  );

const layers = [
  layer(['server/**/*.{ts,tsx}'], serverBase()),
  layer(['server/domain/**/*.ts'], rules(
    serverBase(),
    { modules: [...['express', 'pino'].map((m) => mod(m, `server/domain is pure: no ${m}; ${DIRECTION}.`)), ...ioModules('server/domain')] },
    { paths: [...serverFolders('server/domain', [...MIDDLE, 'http', 'cli']), ...serverRootFiles('server/domain')] },
  )),
  layer(['server/store/**/*.ts'], rules(
    serverBase({ redis: true }),
    noExpress(`server/store sees only domain and shared; ${DIRECTION}.`),
    { paths: serverFolders('server/store', ['adapters', 'ingest', 'live', 'sim', 'city', 'alerts', 'http', 'cli']) },
  )),
  layer(['server/live/**/*.ts'], liveRules()),
  layer(['server/ingest/**/*.ts'], rules(
    serverBase(),
    noExpress(`server/ingest is called by server/http and knows no Express; ${DIRECTION}.`),
    { paths: serverFolders('server/ingest', ['live', 'sim', 'alerts', 'http', 'cli']) },
  )),
  layer(['server/sim/**/*.ts'], rules(
    serverBase(),
    noExpress(`server/sim knows no Express; ${DIRECTION}.`),
    { paths: serverFolders('server/sim', ['live', 'alerts', 'http', 'cli']) },
  )),
  // The app-alert job: reads activity through server/store, judges it with server/domain and
  // writes alert events through server/ingest, like the simulator. Only the composition root
  // (server/app.ts) and server/http may start or use it.
  layer(['server/alerts/**/*.ts'], rules(
    serverBase(),
    noExpress(`server/alerts knows no Express; ${DIRECTION}.`),
    { paths: serverFolders('server/alerts', ['adapters', 'live', 'sim', 'http', 'cli']) },
  )),
  layer(['server/adapters/**/*.ts'], rules(
    serverBase(),
    noExpress(`server/adapters are pure parsers; ${DIRECTION}.`),
    { modules: ioModules('server/adapters') },
    { paths: [...serverFolders('server/adapters', [...MIDDLE, 'http', 'cli']), ...serverRootFiles('server/adapters')] },
  )),
  layer(['server/city/**/*.ts'], rules(
    serverBase(),
    noExpress(`server/city loads profiles and knows no Express; ${DIRECTION}.`),
    { paths: serverFolders('server/city', ['adapters', 'ingest', 'store', 'live', 'sim', 'alerts', 'http', 'cli']) },
  )),
  layer(['server/http/**/*.ts'], rules(serverBase(), {
    paths: [into('server/main.ts', `main.ts is the composition root; nothing imports it; ${DIRECTION}.`)],
  })),
  layer(['server/main.ts'], serverBase()),
  layer(['server/app.ts'], serverBase({ socket: true })),
  layer(['shared/**/*.ts'], {
    modules: [
      noBarrelInside,
      { regex: '^(?!zod(/|$)|\\.)', message: 'shared/ imports only zod (and itself): it runs in the server and the browser.' },
    ],
    paths: ['server/', 'client/'].map((f) => into(f, `shared/ sits below server/ and client/; ${DIRECTION}.`)),
  }),
  layer(['client/**/*.{ts,tsx}'], clientBase()),
  layer(['client/live/**/*.{ts,tsx}'], rules(clientBase({ socketClient: true }), lowerClient('client/live'))),
  layer(['client/api/**/*.{ts,tsx}'], rules(clientBase(), lowerClient('client/api'))),
  ...['map', 'charts', 'components', 'apps'].map((f) =>
    layer([`client/${f}/**/*.{ts,tsx}`], rules(clientBase(), lowerClient(`client/${f}`), uiOnly(`client/${f}`))),
  ),
];

// --- process.env and the clock -------------------------------------------------------------

const noProcessEnv = {
  object: 'process',
  property: 'env',
  message: 'Read configuration from server/config.ts (parsed once with zod), not process.env.',
};
const noDateNow = { object: 'Date', property: 'now', message: 'server/domain takes the clock as an argument.' };
const ENV_ALLOWED = [
  'server/config.ts',
  'server/main.ts',
  // Command-line entry points are composition roots too: they hand process.env to loadConfig.
  'server/cli/**',
  'scripts/**',
  'test/**',
  'bench/**',
  'vite.config.ts',
  'vitest.config.ts',
  'eslint.config.js',
];

export default defineConfig([
  globalIgnores(['dist/', 'node_modules/', 'test/artifacts/', 'coverage/', 'data/', 'client/*/dev/']),

  // Core rules worth having next to TypeScript (@eslint/js is not a dependency).
  {
    files: ['**/*.{js,mjs,cjs,ts,tsx}'],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-debugger': 'error',
      'no-cond-assign': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-self-assign': 'error',
      'no-self-compare': 'error',
      'no-sparse-arrays': 'error',
      'no-unsafe-finally': 'error',
      'no-unsafe-optional-chaining': 'error',
      'no-useless-catch': 'error',
      'no-async-promise-executor': 'error',
      'no-template-curly-in-string': 'error',
      'no-restricted-properties': ['error', noProcessEnv],
    },
  },

  ...tseslint.configs.recommended,
  {
    files: TS,
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  // The few type-aware rules that catch real async bugs in a Redis/Socket.IO server, without
  // the cost of the full type-checked preset.
  ...(typeAware
    ? [
        {
          files: TYPED,
          languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
          rules: {
            '@typescript-eslint/no-floating-promises': 'error',
            '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
            '@typescript-eslint/await-thenable': 'error',
          },
        },
      ]
    : []),

  { files: ['client/**/*.{ts,tsx}'], ...reactHooks.configs.flat['recommended-latest'] },

  { plugins: { pantau: layerPlugin } },
  ...layers,
  {
    // Views get their data only through client/live and client/api (style.md).
    files: ['client/{views,components,charts,map,apps}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['fetch', 'WebSocket', 'EventSource', 'XMLHttpRequest'].map((name) => ({
          name,
          message: 'Read data through client/api or client/live; this folder fetches nothing.',
        })),
      ],
    },
  },
  {
    files: ['server/domain/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', noProcessEnv, noDateNow],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: noDateNow.message },
      ],
    },
  },
  { files: ENV_ALLOWED, rules: { 'no-restricted-properties': 'off' } },

  // Logging goes through pino (server/log.ts); the CLI and scripts talk to a terminal.
  { files: ['server/**/*.{ts,tsx}', 'shared/**/*.ts'], rules: { 'no-console': 'error' } },
  { files: ['server/cli/**/*.ts'], rules: { 'no-console': 'off' } },
]);
