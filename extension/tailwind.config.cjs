/** The sidebar's classes live in shared/src/ui; the extension only adds its options page. */
module.exports = {
  content: ["./contents/**/*.tsx", "./options.tsx", "./tabs/**/*.tsx", "../shared/src/ui/**/*.tsx"],
  theme: { extend: {} },
  corePlugins: { preflight: true },
  plugins: [],
};
