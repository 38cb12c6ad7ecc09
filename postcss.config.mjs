// Tailwind 4 runs as a PostCSS plugin; its settings live in app/globals.css (and tailwind.config.ts via @config).
const config = { plugins: { "@tailwindcss/postcss": {} } };

export default config;
