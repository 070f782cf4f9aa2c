#!/usr/bin/env bash
# Checks the package as another project gets it: `npm pack`, then the tarball installed into a temporary project
# as a dev dependency, globally (into a temporary prefix) and run with `npx` from the tarball. In each: the CLI runs
# and writes the HTML report from its templates; as a dependency also the API (import { audit }) and the types
# (a strict TypeScript file against the published .d.ts, skipLibCheck off). Used by .ci/run; needs the registry
# (or npm's cache) for the dependencies.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/content-audit-pack.XXXXXX")"
trap 'rm -rf "$work"' EXIT
npm_quiet=(--no-audit --no-fund --prefer-offline --loglevel=error)

tarball="$work/$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -1)"
echo "pack: $(basename "$tarball") ($(tar tzf "$tarball" | wc -l) files)"

# A content folder with one truncated article (exit 1 expected) and one clean one.
project="$work/project"
mkdir -p "$project/content"
printf '# Harbour works\n\nThe harbour authority began dredging the northern channel last week. Officials expect the work to last until the end of the' > "$project/content/a.md"
printf '# Clean\n\nThe council approved the budget on Tuesday. Work starts in spring.\n' > "$project/content/b.md"
echo '{ "name": "consumer", "version": "1.0.0", "private": true, "type": "module" }' > "$project/package.json"

check_cli() { # $1 = how the CLI is started (a command line), run in $project
  local out="$work/out-$RANDOM" code=0
  (cd "$project" && eval "$1 --version" >/dev/null)
  (cd "$project" && eval "$1 content --out '$out' --no-cache" >/dev/null 2>&1) || code=$?
  [ "$code" = 1 ] || { echo "pack: '$1' exited $code, expected 1 (one truncated article)"; exit 1; }
  grep -q '<style' "$out/audit.html" || { echo "pack: '$1' wrote no self-contained HTML report"; exit 1; }
  echo "pack: CLI ok ($1)"
}

# 1. As a dev dependency: CLI, API and types.
(cd "$project" && npm install --save-dev "${npm_quiet[@]}" "$tarball")
check_cli "npx content-audit"
cat > "$project/api.mjs" <<'JS'
import { audit } from 'content-audit';
const report = await audit({ paths: ['content'] });
if (report.summary.documents !== 2 || !report.findings.some((f) => f.ruleId === 'truncated-ending')) throw new Error('unexpected report');
console.log('pack: API ok');
JS
(cd "$project" && node api.mjs)
cat > "$project/check.ts" <<'TS'
import { audit, type Finding, type Report } from 'content-audit';
const report: Report = await audit({ paths: ['content'], failOn: 'warning' });
const first: Finding | undefined = report.findings[0];
// @ts-expect-error: an unknown option is a type error, so the options are typed
await audit({ pathz: ['content'] });
export const id: string | undefined = first?.ruleId;
TS
cat > "$project/tsconfig.json" <<JSON
{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022", "strict": true, "noEmit": true,
  "skipLibCheck": false, "typeRoots": ["$repo/node_modules/@types"], "types": ["node"] }, "files": ["check.ts"] }
JSON
(cd "$project" && "$repo/node_modules/.bin/tsc" -p tsconfig.json) && echo "pack: types ok"

# 2. Globally (into a temporary prefix, so the machine's global folder is untouched).
npm install --global --prefix "$work/global" "${npm_quiet[@]}" "$tarball"
check_cli "'$work/global/bin/content-audit'"

# 3. npx straight from the tarball, in a folder where it is not installed.
rm -rf "$project/node_modules" "$project/package-lock.json"
check_cli "npx --yes --package '$tarball' content-audit"
echo "pack: ok"
