#!/usr/bin/env bash
# `make build` for the TypeScript client: compile generated-ts/, `npm pack` it into dist/ts/, install
# the tarball into a fresh folder and run a smoke script there (imports, builders, typed errors).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/dist/ts"
STAGE="$(mktemp -d)"; SMOKE="$(mktemp -d)"
trap 'rm -rf "$STAGE" "$SMOKE"' EXIT
rm -rf "$OUT" && mkdir -p "$OUT"
cp -r "$ROOT/generated-ts/." "$STAGE/"
ln -s "$ROOT/node_modules" "$STAGE/node_modules"   # tsc for the prepack step
(cd "$STAGE" && npm pack --silent --pack-destination "$OUT" >/dev/null)
TARBALL="$(ls "$OUT"/*.tgz)"
cd "$SMOKE"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "$TARBALL" >/dev/null
cat > smoke.mjs <<'JS'
import assert from 'node:assert/strict';
import { Turbopuffer, lang, NotFoundError, APIStatusError } from 'turbopuffer-openapi-client';
assert.deepEqual(lang.filter.Eq('a', 1), ['a', 'Eq', 1]);
assert.deepEqual(lang.filter.ContainsAllTokens('t', 'q'), ['t', 'ContainsAllTokens', 'q']);
assert.ok(new NotFoundError(404, 'x', {}, new Headers()) instanceof APIStatusError);
assert.equal(new Turbopuffer({ baseUrl: 'http://127.0.0.1:1', apiKey: 'k' }).namespace('n').name, 'n');
console.log('smoke: installed turbopuffer-openapi-client works');
JS
node smoke.mjs
echo "built $TARBALL"
