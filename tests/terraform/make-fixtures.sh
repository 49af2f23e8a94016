#!/usr/bin/env bash
# Regenerates the outputs of tests/terraform/fixtures/*/ with a real
# `terraform` binary and the mock Cloudflare provider in mock-provider/:
#
#   validate.json  `terraform validate -json`, for every fixture;
#   plan.json      `terraform show -json` of `terraform plan`, for fixtures
#                  holding an (empty) file named PLAN.
#
# Nothing is downloaded (the provider comes from a dev_overrides CLI config,
# so no `terraform init`), and Terraform only ever runs in a temporary copy of
# each fixture: no .terraform/, lock file, state or plan file is left behind.
# Needs: terraform, cargo, python3, and protoc (tf-provider compiles the
# plugin protocol's .proto files when the mock provider is built).
# Not run by CI (no Terraform there): the outputs are committed.
#
# Usage: tests/terraform/make-fixtures.sh [FIXTURE_NAME...]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
crate="$here/mock-provider"
fixtures="$here/fixtures"

die() {
	echo "make-fixtures: $*" >&2
	exit 1
}

for tool in terraform cargo python3; do
	command -v "$tool" >/dev/null || die "$tool not found on PATH"
done
if [[ -z "${PROTOC:-}" ]] && ! command -v protoc >/dev/null; then
	die "protoc not found (needed to build the mock provider): apt-get install protobuf-compiler, or set PROTOC"
fi

# 1. The provider binary. tf-provider 0.2.2 comes from crates.io, checked
#    against its published sha256 and patched (mock-provider/tf-provider.patch)
#    into the target dir, where Cargo.toml's [patch.crates-io] finds it. An
#    explicit target dir, so that a CARGO_TARGET_DIR set for other work does
#    not move it.
patched="$crate/target/tf-provider-0.2.2"
if [[ ! -f "$patched/.ztlint-patched" ]]; then
	for tool in curl sha256sum tar patch; do
		command -v "$tool" >/dev/null || die "$tool not found on PATH"
	done
	rm -rf "$patched"
	mkdir -p "$crate/target"
	download="$(mktemp)"
	curl -sSfL https://static.crates.io/crates/tf-provider/tf-provider-0.2.2.crate -o "$download"
	echo "d80ea2e5f9f54717952d199888aab7e607dc99275ec5221f1259ce7a5f55f5a6  $download" | sha256sum -c --quiet ||
		die "tf-provider-0.2.2.crate does not have its published sha256"
	tar -xzf "$download" -C "$crate/target"
	rm -f "$download"
	patch --quiet -d "$patched" -p1 <"$crate/tf-provider.patch"
	touch "$patched/.ztlint-patched"
fi
cargo build --locked --quiet --manifest-path "$crate/Cargo.toml" --target-dir "$crate/target"
bin_dir="$crate/target/debug"
[[ -x "$bin_dir/terraform-provider-cloudflare" ]] || die "no provider binary in $bin_dir"

# 2. A private Terraform environment: our CLI config only, no checkpoint
#    calls, no inherited variables or extra arguments.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat >"$work/terraformrc" <<EOF
provider_installation {
  dev_overrides {
    "cloudflare/cloudflare" = "$bin_dir"
  }
  direct {}
}
EOF
while IFS= read -r var; do
	unset "$var"
done < <(compgen -e | grep -E '^TF_' || true)
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
# tf-provider appends a backtrace to diagnostics when these ask for one.
export RUST_BACKTRACE=0 RUST_LIB_BACKTRACE=0

# 3. Normalisation (python3): keeps Terraform's key order and number
#    literals as printed (a float round trip would turn 1e400 into Infinity),
#    drops what depends on this machine or this run, fails on anything that is
#    not a configuration diagnostic.
cat >"$work/normalize.py" <<'PY'
import json
import sys


class Num(str):
    """A JSON number, kept as Terraform wrote it."""


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, parse_int=Num, parse_float=Num)


def dump(value, level=0):
    """json.dumps(indent=2, ensure_ascii=False), with raw numbers."""
    if isinstance(value, Num):
        return str(value)
    pad, inner = "  " * level, "  " * (level + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = (f"{inner}{json.dumps(k, ensure_ascii=False)}: {dump(v, level + 1)}"
                 for k, v in value.items())
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list):
        if not value:
            return "[]"
        items = (f"{inner}{dump(v, level + 1)}" for v in value)
        return "[\n" + ",\n".join(items) + f"\n{pad}]"
    return json.dumps(value, ensure_ascii=False)


def scrub(value, paths):
    """Replaces this machine's paths inside every string."""
    if isinstance(value, dict):
        return {k: scrub(v, paths) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v, paths) for v in value]
    if isinstance(value, str) and not isinstance(value, Num):
        for path, name in paths:
            value = value.replace(path, name)
    return value


def validate(raw, out, rc, paths):
    doc = load(raw)
    diags = doc.get("diagnostics", [])
    # The dev_overrides warning names the provider's absolute path, and is
    # about how the fixture was made, not about the fixture.
    dropped = [d for d in diags
               if d.get("summary") == "Provider development overrides are in effect"]
    diags = [d for d in diags if d not in dropped]
    doc["warning_count"] = Num(str(int(doc["warning_count"]) - len(dropped)))
    # A configuration diagnostic points into the configuration; one without
    # a range (provider failed to start, schema rejected, ...) means the run
    # itself went wrong.
    broken = [d for d in diags if d.get("severity") == "error" and "range" not in d]
    if broken:
        sys.exit("terraform failed:\n" + json.dumps(broken, indent=2))
    if (rc == 0) != (doc.get("valid") is True):
        sys.exit(f"terraform validate exited {rc} but reported valid={doc.get('valid')}")

    # Terraform validates resources concurrently: its diagnostic order varies
    # from run to run. Source order is stable.
    def where(d):
        r = d.get("range", {})
        return (r.get("filename", ""), int(r.get("start", {}).get("byte", -1)),
                int(r.get("end", {}).get("byte", -1)),
                d.get("severity", ""), d.get("summary", ""), d.get("detail", ""))

    doc["diagnostics"] = sorted(diags, key=where)
    write(out, scrub(doc, paths))


def plan(raw, out, paths):
    doc = load(raw)
    if "timestamp" in doc:
        doc["timestamp"] = "1970-01-01T00:00:00Z"  # when the plan was made
    write(out, scrub(doc, paths))


def write(out, doc):
    with open(out, "w", encoding="utf-8") as f:
        f.write(dump(doc) + "\n")


if __name__ == "__main__":
    mode, raw, out, rc = sys.argv[1:5]
    paths = [(p, n) for p, n in zip(sys.argv[5::2], sys.argv[6::2])]
    if mode == "validate":
        validate(raw, out, int(rc), paths)
    else:
        plan(raw, out, paths)
PY

# 4. Each fixture, in a temporary copy.
if (($# > 0)); then
	names=("$@")
else
	names=()
	for dir in "$fixtures"/*/; do
		names+=("$(basename "$dir")")
	done
fi
((${#names[@]} > 0)) || die "no fixture directories under $fixtures"

for name in "${names[@]}"; do
	src="$fixtures/$name"
	[[ -d "$src" ]] || die "no fixture $src"
	[[ ! -e "$src/.terraform" ]] || die "$src/.terraform exists: remove it (it would shadow the dev override)"
	grep -qs 'cloudflare/cloudflare' "$src"/*.tf || die "$name: no required_providers entry for cloudflare/cloudflare"
	tmp="$work/fixtures/$name"
	mkdir -p "$tmp"
	cp -R "$src/." "$tmp/"
	rm -f "$tmp/validate.json" "$tmp/plan.json"
	paths=("$tmp" "<fixture>" "$crate" "<mock-provider>" "$work" "<tmp>")

	echo "== $name: terraform validate"
	rc=0
	(cd "$tmp" && terraform validate -json -no-color) >"$work/validate.raw" 2>"$work/validate.err" || rc=$?
	if ((rc > 1)) || [[ -s "$work/validate.err" ]]; then
		cat "$work/validate.err" >&2
		die "$name: terraform validate exited $rc"
	fi
	python3 "$work/normalize.py" validate "$work/validate.raw" "$src/validate.json" "$rc" "${paths[@]}" ||
		die "$name: terraform validate failed"

	if [[ -f "$src/PLAN" ]]; then
		((rc == 0)) || die "$name: has a PLAN marker but does not validate"
		echo "== $name: terraform plan"
		(cd "$tmp" && terraform plan -input=false -refresh=false -lock=false -no-color -out="$work/p.tfplan") \
			>"$work/plan.log" 2>&1 || {
			cat "$work/plan.log" >&2
			die "$name: terraform plan failed"
		}
		(cd "$tmp" && terraform show -json -no-color "$work/p.tfplan") >"$work/plan.raw" 2>"$work/plan.err" || {
			cat "$work/plan.err" >&2
			die "$name: terraform show failed"
		}
		python3 "$work/normalize.py" plan "$work/plan.raw" "$src/plan.json" 0 "${paths[@]}" ||
			die "$name: could not normalise the plan"
		rm -f "$work/p.tfplan"
	else
		rm -f "$src/plan.json"
	fi
done
echo "make-fixtures: wrote ${#names[@]} fixture(s)"
