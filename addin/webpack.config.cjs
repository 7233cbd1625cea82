// Builds the task pane for Excel 2016/2019, whose pane is IE11: ES5 output with the
// polyfills the code actually uses (docs/engineering.md). `npm run build:addin` runs it through
// build.mjs, which also measures the gzipped size against the 150 KB budget.
const path = require("node:path");
const fs = require("node:fs");
const crypto = require("node:crypto");
const { Compilation, sources } = require("webpack");

const here = __dirname;
const publicDir = path.join(here, "public");

/** Babel for IE11. */
const babelOptions = {
  // Some of core-js and webpack's helpers are CommonJS, the rest ES modules.
  sourceType: "unambiguous",
  babelrc: false,
  configFile: false,
  presets: [
    ["@babel/preset-env", { targets: { ie: "11" }, useBuiltIns: "usage", corejs: "3.51", modules: false, bugfixes: true }],
    ["@babel/preset-typescript", { onlyRemoveTypeImports: false }],
  ],
};

/**
 * TypeScript and modern JS through babel, for every module of the bundle. Exported so the
 * headless-browser tests build their stubbed Office host with the very same settings.
 */
const babelRule = {
  test: /\.[cm]?[jt]s$/,
  // Running babel over core-js itself or regenerator breaks the build (docs/engineering.md).
  exclude: /node_modules[\\/](core-js|regenerator-runtime)[\\/]/,
  use: { loader: "babel-loader", options: babelOptions },
};

function shortHash(buf) {
  return crypto.createHash("sha256").update(buf).digest("hex").slice(0, 10);
}

/**
 * Copies addin/public into the output and stamps the bundle's and the stylesheet's
 * hashes into the HTML: Office's IE11 webview caches hard, a new URL is the reliable way
 * to make it load a new build.
 */
class PublicFilesPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("PublicFilesPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "PublicFilesPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const js = compilation.getAsset("taskpane.js");
        const jsHash = js ? shortHash(js.source.buffer()) : "0";
        const walk = (dir) => {
          for (const name of fs.readdirSync(dir)) {
            const full = path.join(dir, name);
            if (fs.statSync(full).isDirectory()) {
              walk(full);
              continue;
            }
            compilation.fileDependencies.add(full);
            const rel = path.relative(publicDir, full).split(path.sep).join("/");
            let content = fs.readFileSync(full);
            if (rel.endsWith(".html")) {
              const cssHash = shortHash(fs.readFileSync(path.join(publicDir, "taskpane.css")));
              content = Buffer.from(content.toString("utf8").replace(/__JS_HASH__/g, jsHash).replace(/__CSS_HASH__/g, cssHash), "utf8");
            }
            compilation.emitAsset(rel, new sources.RawSource(content));
          }
        };
        walk(publicDir);
      });
    });
  }
}

module.exports = () => ({
  mode: "production",
  context: here,
  // "es5" makes webpack's own runtime ES5 too (no arrow functions, no const).
  target: ["web", "es5"],
  entry: { taskpane: "./src/taskpane/main.ts" },
  output: {
    path: path.join(here, "dist"),
    filename: "[name].js",
    // The folder's committed placeholder (see .gitignore) survives a rebuild.
    clean: true,
  },
  resolve: { extensions: [".ts", ".js"] },
  module: { rules: [babelRule] },
  devtool: false,
  performance: { hints: false },
  stats: "errors-warnings",
  plugins: [new PublicFilesPlugin()],
});

module.exports.babelRule = babelRule;
