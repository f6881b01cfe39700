/** RepLens theme: the one source of colours and fonts (read by src/index.css via @config). */
export default {
  content: ['./index.html', './src/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        brand: {
          50: '#eef7ff',
          100: '#d9edff',
          200: '#bce0ff',
          300: '#8ecdff',
          400: '#59b0ff',
          500: '#338dfc',
          600: '#1d6ff1',
          700: '#1559d6',
          800: '#1849ad',
          900: '#1a3f88',
          950: '#152853',
        },
        good: '#15803d',
        bad: '#b91c1c',
      },
      fontFamily: {
        sans: ['Inter', 'ui-sans-serif', 'system-ui', 'sans-serif'],
      },
    },
  },
};
