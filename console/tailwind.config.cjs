/**
 * Tailwind v3 for the console, on the sidebar's tokens: Tailwind's default palette as shared/src/ui uses it —
 * slate for text and borders, teal-700 for primary actions, red for errors, amber for warnings — and the system
 * font stack. The shared UI's classes are scanned too, so its components render the same here as in the sidebar.
 */
module.exports = {
  content: ["./index.html", "./src/**/*.{ts,tsx}", "../shared/src/ui/**/*.tsx"],
  theme: { extend: {} },
  plugins: [],
};
