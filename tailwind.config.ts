import type { Config } from "tailwindcss";

// Tailwind 4 reads its settings from CSS; this file (loaded by app/globals.css via @config)
// holds the theme extensions shared by every page.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: { brand: { DEFAULT: "#4f46e5", dark: "#3730a3", light: "#e0e7ff" } },
    },
  },
};

export default config;
