// Lint rules that encode the architecture (STYLE.md): imports flow one way, features never import
// each other, and the server shares only the contract with the dashboard.
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const FEATURES = ['upload', 'review', 'library', 'athletes', 'auth', 'accounts'];
const SERVER_SHARES_ONLY_CONTRACT = [{ regex: '(^|/)src/(?!contract/)', message: 'The server shares only src/contract with the dashboard.' }];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'e2e/.fixtures'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      // The classic hook rules; the compiler-based ones (refs, immutability) misread a hook that
      // returns a ref beside state (useVideoClock) as a ref read during render.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      ...jsxA11y.flatConfigs.recommended.rules,
      // Exercise videos have no speech to caption.
      'jsx-a11y/media-has-caption': 'off',
    },
  },
  // components, api, lib and contract are shared: they never reach into features or the app shell.
  {
    files: ['src/{components,api,lib,contract}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)(features|app)/', message: 'Shared code must not import features or the app.' }] }],
    },
  },
  ...FEATURES.map((feature) => {
    const others = FEATURES.filter((f) => f !== feature).join('|');
    return {
      files: [`src/features/${feature}/**/*.{ts,tsx}`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              { regex: `^\\.\\./(${others})/|/features/(${others})/`, message: 'Features never import each other.' },
              { regex: '(^|/)app/', message: 'Features must not import the app shell.' },
            ],
          },
        ],
      },
    };
  }),
  // Inside the server, as in src: lib and measure are shared by all; the analysis engine serves
  // the local Guru; the proxy and the local Guru never import each other (the proxy reaches any
  // Guru over HTTP) and only the composition root (server/*.ts) wires them together.
  ...Object.entries({
    lib: ['measure', 'analysis', 'local-guru', 'proxy'],
    measure: ['analysis', 'local-guru', 'proxy'],
    analysis: ['local-guru', 'proxy'],
    'local-guru': ['proxy'],
    proxy: ['analysis', 'local-guru'],
  }).map(([layer, forbidden]) => ({
    files: [`server/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...SERVER_SHARES_ONLY_CONTRACT,
            { regex: `^\\.\\./(${forbidden.join('|')})/`, message: `server/${layer} must not import server/${forbidden.join(', server/')}.` },
            { regex: '(^|/)\\.\\./(config|start|app|main)\\.ts$', message: 'Only the composition root (server/*.ts) imports it.' },
          ],
        },
      ],
    },
  })),
  {
    files: ['server/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: SERVER_SHARES_ONLY_CONTRACT }] },
  },
);
