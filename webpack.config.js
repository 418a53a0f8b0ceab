// Builds the static page into dist/ (servable by any static server, no server code).
// Expects the wasm packages in www/pkg/{simd,scalar}/ (scripts/build-wasm.sh runs first).

// CommonJS on purpose: the repo root is not "type": "module", because wasm-bindgen's
// --target nodejs output (target/pkg-node, used by node tests) is CommonJS. www/ is ESM
// (www/package.json).

const path = require('node:path');
const CopyPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const MiniCssExtractPlugin = require('mini-css-extract-plugin');
const { GenerateSW } = require('workbox-webpack-plugin');

const root = __dirname;

module.exports = {
  mode: 'production',
  context: root,
  entry: { main: './www/index.js' },
  output: {
    path: path.join(root, 'dist'),
    filename: '[name].[contenthash:8].js',
    chunkFilename: '[name].[contenthash:8].js',
    assetModuleFilename: '[name].[contenthash:8][ext]',
    clean: true,
  },
  module: {
    rules: [{ test: /\.css$/, use: [MiniCssExtractPlugin.loader, 'css-loader'] }],
  },
  plugins: [
    new HtmlWebpackPlugin({ template: './www/index.html' }),
    new MiniCssExtractPlugin({ filename: '[name].[contenthash:8].css' }),
    new CopyPlugin({
      patterns: [
        // The served datasets in chunks (scripts/pack-data.mjs, run by `npm run build`'s prebuild):
        // MNIST and CIFAR-10 packed into target/data/, CIFAR-100 committed packed.
        { from: 'target/data/mnist', to: 'data/mnist' },
        { from: 'target/data/cifar10', to: 'data/cifar10' },
        { from: 'data/cifar100', to: 'data/cifar100' },
        // Omniglot (MIT, data/omniglot/LICENSE): the two background-small splits and the one-shot runs.
        { from: 'data/omniglot/*', to: 'data/omniglot/[name][ext]' },
      ],
    }),
    // Offline after the first visit: precaches the page's code (never data/: data.js caches the
    // chunks a run fetched, in the Cache API). Registered by www/index.js, relative to the page,
    // so it works from any sub-path.
    new GenerateSW({
      swDest: 'sw.js',
      clientsClaim: true,
      skipWaiting: true,
      cleanupOutdatedCaches: true,
      inlineWorkboxRuntime: true,
      sourcemap: false,
      exclude: [/^data\//, /\.map$/, /\.LICENSE\.txt$/],
      maximumFileSizeToCacheInBytes: 8 << 20,
    }),
  ],
  performance: {
    // The data files are big on purpose; judge only the code.
    assetFilter: (name) => !name.startsWith('data/') && !/\.(wasm|map)$/.test(name),
  },
  devtool: 'source-map',
};
