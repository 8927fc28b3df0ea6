import { main } from './main.ts';

// The entry point the bundler compiles to dist/seam.js (the package's `bin`); cli/seam.js runs the same from source.
process.exitCode = await main(process.argv.slice(2));
