// Lint rules that encode the architecture (STYLE.md): imports flow one way, features never import
// each other, and the server shares only the contract with the dashboard.
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const FEATURES = ['upload', 'review', 'library', 'athletes', 'auth', 'accounts'];

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
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)src/(?!contract/)', message: 'The server shares only src/contract with the dashboard.' }] },
      ],
    },
  },
);
