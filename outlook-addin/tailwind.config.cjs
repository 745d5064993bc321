/** Tailwind v3 for the task pane: the pane's own components and the shared sidebar they mount. */
module.exports = {
  content: ["./src/taskpane/**/*.{ts,tsx}", "../shared/src/ui/**/*.{ts,tsx}"],
  theme: { extend: {} },
  plugins: [],
};
