// ESLint flat config. Besides a light rule set, it enforces the dependency direction of
// ../shared/style.md ("Dependency direction") with one `no-restricted-imports` list per folder.
// ESLint replaces (never merges) a rule's options when a later block matches the same file, so
// each folder's list below is complete on its own: `layer(...)` builds it from shared pieces.
// Import cycles are checked by dpdm in `npm run lint` (it sees imports across files).
// Type-aware rules (floating promises and friends) need the whole TypeScript program, which
// doubles the run time; they are on when PANTAU_LINT_TYPED=1, as in scripts/test.sh (npm test,
// CI), and off in the quick `npm run lint`, which runs `tsc --noEmit` anyway.
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const TS = ['**/*.ts', '**/*.tsx'];
// The files tsconfig.json includes: only these can get type information.
const TYPED = ['{server,shared,client,test,bench,scripts}/**/*.{ts,tsx}', 'vite.config.ts', 'vitest.config.ts'];
const typeAware = process.env.PANTAU_LINT_TYPED === '1';

// --- import restrictions -------------------------------------------------------------------

/** A bare module (and its subpaths), e.g. `ioredis`, `socket.io`, `node:fs`. */
const mod = (name, why) => ({
  regex: `^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/|$)`,
  message: why,
});
/** A Node built-in, with or without the `node:` prefix. */
const builtin = (name, why) => ({ regex: `^(node:)?${name}(/|$)`, message: why });
/**
 * A relative import that goes into a folder called `name` (`../store/keys.ts`, `../../server/x.ts`).
 * Specifiers are not resolved, so this matches by folder name; the names are distinct enough here.
 */
const folder = (name, why) => ({ regex: `^\\.{1,2}/(.*/)?${name}/`, message: why });

const DIRECTION = 'see ../shared/style.md "Dependency direction"';
const noBarrelInside = {
  regex: '^\\./index\\.tsx?$',
  message: "A folder's index.ts is its public surface; code inside the folder imports the file itself.",
};
const noRedis = mod('ioredis', `Only server/store (and main.ts, app.ts, test/, bench/) may import ioredis; ${DIRECTION}.`);
const noSocketIo = [
  mod('socket.io', `Only server/live (and server/app.ts, test/, bench/) may import socket.io; ${DIRECTION}.`),
  mod('@socket.io/redis-streams-adapter', `Only server/live (and server/app.ts) wires the Socket.IO adapter; ${DIRECTION}.`),
];
const noServerFromClient = folder('server', `client/ never imports server/: share through shared/; ${DIRECTION}.`);
const ioModules = (where) =>
  ['fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'child_process', 'dgram', 'dns', 'worker_threads', 'cluster'].map(
    (m) => builtin(m, `${where} has no I/O; ${DIRECTION}.`),
  );
const serverFolders = (where, names) =>
  names.map((n) => folder(n, `${where} may not import server/${n}; ${DIRECTION}.`));
/** server/config.ts, log.ts, main.ts, app.ts seen from a folder directly under server/. */
const serverRootFiles = (where) => ({
  regex: '^\\.\\./(config|log|main|app)\\.ts$',
  message: `${where} gets config, logger and clock as arguments; ${DIRECTION}.`,
});

// Restrictions every server file has, unless a layer lifts one.
const serverBase = ({ redis = false, socket = false } = {}) => [
  noBarrelInside,
  folder('client', `server/ never imports client/; ${DIRECTION}.`),
  mod('socket.io-client', 'The server does not use the Socket.IO client (tests do).'),
  ...(redis ? [] : [noRedis]),
  ...(socket ? [] : noSocketIo),
];
const clientBase = ({ socketClient = false } = {}) => [
  noBarrelInside,
  noServerFromClient,
  ...['ioredis', 'express', 'socket.io', 'pino'].map((m) => mod(m, 'Server-only module: the client runs in the browser.')),
  { regex: '^node:', message: 'Node built-ins do not exist in the browser.' },
  ...(socketClient
    ? []
    : [mod('socket.io-client', 'Only client/live talks Socket.IO; views and components read from client/live.')]),
];
const lowerClient = (where) => [folder('views', `${where} sits below client/views; ${DIRECTION}.`)];

const MIDDLE = ['adapters', 'ingest', 'store', 'live', 'sim', 'city'];
const layer = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

const layers = [
  layer(['server/**/*.{ts,tsx}'], serverBase()),
  layer(['server/domain/**/*.ts'], [
    ...serverBase(),
    ...['express', 'pino'].map((m) => mod(m, `server/domain is pure: no ${m}; ${DIRECTION}.`)),
    ...ioModules('server/domain'),
    ...serverFolders('server/domain', [...MIDDLE, 'http', 'cli']),
    serverRootFiles('server/domain'),
  ]),
  layer(['server/store/**/*.ts'], [
    ...serverBase({ redis: true }),
    mod('express', `server/store sees only domain and shared; ${DIRECTION}.`),
    ...serverFolders('server/store', ['adapters', 'ingest', 'live', 'sim', 'city', 'http', 'cli']),
  ]),
  layer(['server/live/**/*.ts'], [
    ...serverBase({ socket: true }),
    mod('express', `server/live serves Socket.IO; HTTP lives in server/http; ${DIRECTION}.`),
    ...serverFolders('server/live', ['adapters', 'ingest', 'sim', 'http', 'cli']),
  ]),
  layer(['server/ingest/**/*.ts'], [
    ...serverBase(),
    mod('express', `server/ingest is called by server/http and knows no Express; ${DIRECTION}.`),
    ...serverFolders('server/ingest', ['live', 'sim', 'http', 'cli']),
  ]),
  layer(['server/sim/**/*.ts'], [
    ...serverBase(),
    mod('express', `server/sim knows no Express; ${DIRECTION}.`),
    ...serverFolders('server/sim', ['live', 'http', 'cli']),
  ]),
  layer(['server/adapters/**/*.ts'], [
    ...serverBase(),
    mod('express', `server/adapters are pure parsers; ${DIRECTION}.`),
    ...ioModules('server/adapters'),
    ...serverFolders('server/adapters', [...MIDDLE, 'http', 'cli']),
    serverRootFiles('server/adapters'),
  ]),
  layer(['server/city/**/*.ts'], [
    ...serverBase(),
    mod('express', `server/city loads profiles and knows no Express; ${DIRECTION}.`),
    ...serverFolders('server/city', ['adapters', 'ingest', 'store', 'live', 'sim', 'http', 'cli']),
  ]),
  layer(['server/http/**/*.ts'], [
    ...serverBase(),
    { regex: '^(\\.\\./)+main\\.ts$', message: `main.ts is the composition root; nothing imports it; ${DIRECTION}.` },
  ]),
  layer(['server/main.ts'], serverBase({ redis: true })),
  layer(['server/app.ts'], serverBase({ redis: true, socket: true })),
  layer(['shared/**/*.ts'], [
    noBarrelInside,
    { regex: '^(?!zod(/|$)|\\.)', message: 'shared/ imports only zod (and itself): it runs in the server and the browser.' },
    folder('(server|client)', `shared/ sits below server/ and client/; ${DIRECTION}.`),
  ]),
  layer(['client/**/*.{ts,tsx}'], clientBase()),
  layer(['client/live/**/*.{ts,tsx}'], [...clientBase({ socketClient: true }), ...lowerClient('client/live')]),
  ...['api', 'map', 'charts', 'components'].map((f) =>
    layer([`client/${f}/**/*.{ts,tsx}`], [...clientBase(), ...lowerClient(`client/${f}`)]),
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

  ...layers,
  {
    // Views get their data only through client/live and client/api (style.md).
    files: ['client/views/**/*.{ts,tsx}', 'client/components/**/*.{ts,tsx}', 'client/charts/**/*.{ts,tsx}'],
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
