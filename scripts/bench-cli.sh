#!/usr/bin/env bash
# Start-up + lint time of the `ztlint` binary against check-jsonschema on the
# same payloads with an equivalent JSON Schema: one file, and 1,000 files.
#
#   scripts/bench-cli.sh            # full run
#   RUNS=5 scripts/bench-cli.sh     # fewer timed runs per command
#
# Installs what it lacks (hyperfine from Debian, check-jsonschema from PyPI),
# builds ztlint in release mode, generates the payloads in a temporary
# directory and prints a table of mean times and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-20}
COUNT=${COUNT:-1000}

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine; then
  echo "installing hyperfine (apt-get)" >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq hyperfine >/dev/null
fi
if ! need check-jsonschema; then
  echo "installing check-jsonschema (pip)" >&2
  python3 -m pip install --quiet check-jsonschema
fi
need python3 || { echo "python3 is needed for the table" >&2; exit 2; }

cargo build --release --quiet --bin ztlint
ZTLINT="$PWD/target/release/ztlint"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The schema ztlint embeds, when the tree has it; otherwise the seed's
# request body as draft 2020-12, which is what check-jsonschema would be
# given by someone without ztlint.
if [ -f src/schema/organization.schema.json ]; then
  cp src/schema/organization.schema.json "$work/schema.json"
  schema_from="src/schema/organization.schema.json"
else
  schema_from="the seed's request body (draft 2020-12)"
  cat >"$work/schema.json" <<'JSON'
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": {
    "auth_domain": { "type": "string" },
    "auto_redirect_to_identity": { "type": "boolean" },
    "custom_pages": {
      "type": "object",
      "properties": {
        "forbidden": { "type": "string" },
        "identity_denied": { "type": "string" }
      }
    },
    "is_ui_read_only": { "type": "boolean" },
    "login_design": {
      "type": "object",
      "properties": {
        "background_color": { "type": "string" },
        "footer_text": { "type": "string" },
        "header_text": { "type": "string" },
        "logo_path": { "type": "string" },
        "text_color": { "type": "string" }
      }
    },
    "name": { "type": "string" },
    "session_duration": { "type": "string" },
    "ui_read_only_toggle_reason": { "type": "string" },
    "user_seat_expiration_inactive_time": { "type": "string" }
  }
}
JSON
fi

# Payloads: the seed's fields with realistic values, a little different in
# each file so no cache can cheat.
mkdir -p "$work/many"
python3 - "$work" "$COUNT" <<'PY'
import json, sys, os
work, count = sys.argv[1], int(sys.argv[2])
def payload(i):
    return {
        "name": f"Widget Corps {i}",
        "auth_domain": f"widget{i}.cloudflareaccess.com",
        "auto_redirect_to_identity": i % 2 == 0,
        "is_ui_read_only": False,
        "ui_read_only_toggle_reason": "Temporarily unlock to change the login page",
        "session_duration": f"{1 + i % 24}h",
        "user_seat_expiration_inactive_time": "730h",
        "login_design": {
            "background_color": "#c5ed1b",
            "text_color": "#FFFFFF",
            "header_text": "Widget Corps single sign-on",
            "footer_text": "Questions? Ask #it-help.",
            "logo_path": "https://example.com/logo.png",
        },
        "custom_pages": {
            "forbidden": "699d98642c564d2e855e9661899b7252",
            "identity_denied": "699d98642c564d2e855e9661899b7252",
        },
    }
with open(os.path.join(work, "one.json"), "w") as f:
    json.dump(payload(0), f, indent=2)
for i in range(count):
    with open(os.path.join(work, "many", f"org-{i:04}.json"), "w") as f:
        json.dump(payload(i), f, indent=2)
PY

# Both tools must agree that every payload is fine before timing them.
"$ZTLINT" check --no-config "$work/one.json" "$work/many" >/dev/null
check-jsonschema --schemafile "$work/schema.json" "$work/one.json" >/dev/null
(cd "$work/many" && check-jsonschema --schemafile "$work/schema.json" ./*.json >/dev/null)

cd "$work"
# No intermediate shell (-N): ztlint's times are a few milliseconds, below
# what hyperfine can correct a shell's start-up for. Both tools get the same
# explicit list of files.
files=$(cd "$work" && ls many/*.json | tr '\n' ' ')
hyperfine -N --warmup 3 --runs "$RUNS" --style basic --export-json one.json.times \
  -n "ztlint, 1 file" "$ZTLINT check --no-config one.json" \
  -n "check-jsonschema, 1 file" "check-jsonschema --schemafile schema.json one.json"
many_runs=$(( RUNS < 10 ? RUNS : 10 ))
hyperfine -N --warmup 1 --runs "$many_runs" --style basic --export-json many.json.times \
  -n "ztlint, $COUNT files" "$ZTLINT check --no-config $files" \
  -n "check-jsonschema, $COUNT files" "check-jsonschema --schemafile schema.json $files"

echo
echo "schema for check-jsonschema: $schema_from; $(nproc) cores"
python3 - one.json.times many.json.times <<'PY'
import json, sys
print(f"{'case':<32} {'mean':>10} {'± σ':>9} {'vs ztlint':>10}")
for path in sys.argv[1:]:
    results = json.load(open(path))["results"]
    base = results[0]["mean"]
    for r in results:
        print(f"{r['command']:<32} {r['mean']*1000:>8.1f}ms {r['stddev']*1000:>7.1f}ms {r['mean']/base:>9.1f}x")
PY
