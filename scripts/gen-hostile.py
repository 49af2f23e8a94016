#!/usr/bin/env python3
"""Generates the hostile payloads of the scaling work into a directory.

    scripts/gen-hostile.py OUT_DIR [COUNT]

Writes, with COUNT (default 20,000) findings or units where it applies:

- keys-lines.json: COUNT unknown keys, one per line (COUNT unknown-field);
- keys-one-line.json: the same keys on one line;
- duplicates-one-line.json: the key `name` COUNT times on one line
  (COUNT - 1 duplicate-key findings);
- long-number.json: a 1,000,000-digit number as a field's value;
- deep.json: 1,000,000 nested `[` (one json-syntax finding);
- big.json: a 64 MiB body of unknown keys, one per line, for peak memory;
- the other 64 MiB bodies of the README's peak-memory table: string.json
  (one string), newlines.json (newlines around one field), array.json
  (`{"x": [1,1,...]}`), objects.json (`{"x": [{},{},...]}`),
  toparray.json (`[1,1,...]`) and dupes.json (`"name":"x"` repeated on
  one line, 59 MiB);
- the 64 MiB bodies of a finding per array item or nested key:
  zones-numbers.json
  (`{"deny_unmatched_requests_exempted_zone_names": [1,1,...]}`),
  zones-names.json (the same with `"x"` items), authenticators.json
  (`{"mfa_config": {"allowed_authenticators": ["x","x",...]}}`),
  nested-keys.json (`{"login_design": {...}}` of unknown keys, one per
  line), repeated-unknown.json (`"k":1` repeated on one line) and
  nested-array.json (`{"login_design": {"x": [1,1,...]}}`, one finding);
- the 64 MiB bodies of a repeat inside a value no rule reads:
  unknown-repeats.json (`{"x": {"k":1,"k":1,...}}`), result-keys.json
  (the same under an envelope's `result`), shadowed.json (the same in an
  earlier copy of `login_design`), element-array.json
  (`{"deny_unmatched_requests_exempted_zone_names": [[1,1,...]]}`),
  toparray-repeats.json (`[{"k0":1,"k":1,...}]`) and pairs.json
  (`{"0":1,"0":1,"1":1,"1":1,...}`: 3.15 M keys, each twice);
- the 64 MiB Terraform inputs, each in a directory of its own (the other
  files of a `.tf` file's directory are its module): tf-many/main.tf (one
  organization resource among 1.2 M other resources), tf-broken/main.tf
  (the same with a syntax error in the last resource), tf-json/main.tf.json
  (the same in JSON syntax), tf-orgs/main.tf (organization resources
  only, each with a finding), tf-orgs-latin1/main.tf (the same with a
  Latin-1 byte in a comment and in a string), tf-orgs-json/main.tf.json
  (the same in JSON syntax), plan-others.json (a plan of 258 K changes of
  other resources) and plan-orgs.json (258 K updates of organizations,
  each with a finding).
"""
import json
import os
import sys


def main() -> None:
    # Not an option parser: only the usage on a first argument that looks
    # like an option, which would otherwise name the output directory.
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
    os.makedirs(out, exist_ok=True)

    def write(name: str, text: str) -> None:
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(text)

    keys = [f'"unknown_{i}": {i}' for i in range(count)]
    write("keys-lines.json", "{\n" + ",\n".join(keys) + "\n}\n")
    write("keys-one-line.json", "{" + ", ".join(keys) + "}\n")
    write("duplicates-one-line.json",
          "{" + ", ".join('"name": "x"' for _ in range(count)) + "}\n")
    write("long-number.json", '{"name": ' + "1" * 1_000_000 + "}\n")
    write("deep.json", "[" * 1_000_000 + "\n")

    # About 64 MiB: 20-byte lines `"unknown_NNNNNNN": 1,`.
    lines = []
    size = 2
    i = 0
    while size < 64 * 1024 * 1024:
        line = f'"unknown_{i:07}": 1'
        lines.append(line)
        size += len(line) + 2
        i += 1
    write("big.json", "{\n" + ",\n".join(lines) + "\n}\n")

    mib64 = 64 * 1024 * 1024

    def fill(head: str, unit: str, tail: str, size: int = mib64) -> str:
        return head + unit * ((size - len(head) - len(tail)) // len(unit)) + tail

    write("string.json", fill('{"name": "', "a", '"}'))
    write("newlines.json", fill("{", "\n", '"session_duration": "1d"}\n'))
    write("array.json", fill('{"x": [1', ",1", "]}"))
    write("objects.json", fill('{"x": [{}', ",{}", "]}"))
    write("toparray.json", fill("[1", ",1", "]"))
    write("dupes.json", fill('{"name":"x"', ',"name":"x"', "}", 59 * 1024 * 1024))

    zones = '{"deny_unmatched_requests_exempted_zone_names": ['
    write("zones-numbers.json", fill(zones + "1", ",1", "]}"))
    write("zones-names.json", fill(zones + '"x"', ',"x"', "]}"))
    write("authenticators.json",
          fill('{"mfa_config": {"allowed_authenticators": ["x"', ',"x"', "]}}"))
    nested, size, i = [], 20, 0
    while size < mib64:
        line = f'"unknown_{i:07}": 1'
        nested.append(line)
        size += len(line) + 2
        i += 1
    write("nested-keys.json", '{"login_design": {\n' + ",\n".join(nested) + "\n}}\n")
    write("repeated-unknown.json", fill('{"k":1', ',"k":1', "}"))
    write("nested-array.json", fill('{"login_design": {"x": [1', ",1", "]}}"))
    write("unknown-repeats.json", fill('{"x": {"k0": 1', ',"k": 1', "}}"))
    write("result-keys.json", fill('{"result": {"k0": 1', ',"k": 1', "}}"))
    write("shadowed.json",
          fill('{"login_design": {"k0": 1', ',"k": 1', '}, "login_design": {}}'))
    write("element-array.json", fill(zones + "[1", ",1", "]]}"))
    write("toparray-repeats.json", fill('[{"k0":1', ',"k":1', "}]"))
    pairs, size, i = [], 2, 0
    while size < mib64 - 16:
        pair = f'"{i:x}":1,"{i:x}":1'
        pairs.append(pair)
        size += len(pair) + 1
        i += 1
    write("pairs.json", "{" + ",".join(pairs) + "}")

    org = ('resource "cloudflare_zero_trust_organization" "main" {\n'
           '  account_id       = "023e105f4ecef8ad9ca31a8372d0c353"\n'
           '  session_duration = "1d"\n}\n')
    other = 'resource "null_resource" "r{}" {{\n  triggers = {{ a = "b" }}\n}}\n'
    parts, size, i = [org], len(org), 0
    while size < mib64:
        part = other.format(i)
        parts.append(part)
        size += len(part)
        i += 1
    os.makedirs(os.path.join(out, "tf-many"), exist_ok=True)
    write("tf-many/main.tf", "".join(parts))
    # The same with a syntax error in the last resource.
    parts[-1] = parts[-1].replace('a = "b" }', 'a = "b" c }')
    os.makedirs(os.path.join(out, "tf-broken"), exist_ok=True)
    write("tf-broken/main.tf", "".join(parts))

    # Organizations only, each with a finding.
    parts, size, i = [], 0, 0
    while size < mib64:
        part = org.replace('"main"', f'"o{i}"')
        parts.append(part)
        size += len(part)
        i += 1
    os.makedirs(os.path.join(out, "tf-orgs"), exist_ok=True)
    write("tf-orgs/main.tf", "".join(parts))
    # The same behind a Latin-1 byte in a comment, and one in a string at
    # the end: bytes that are not UTF-8.
    os.makedirs(os.path.join(out, "tf-orgs-latin1"), exist_ok=True)
    with open(os.path.join(out, "tf-orgs-latin1/main.tf"), "wb") as f:
        f.write(b"# caf\xe9\n" + "".join(parts).encode()
                + b'variable "v" {\n  default = "caf\xe9"\n}\n')

    account = "023e105f4ecef8ad9ca31a8372d0c353"
    orgs = {}
    size = 200
    while size < mib64:
        name = f"o{len(orgs)}"
        orgs[name] = {"account_id": account, "session_duration": "1d"}
        size += len(name) + 80
    os.makedirs(os.path.join(out, "tf-orgs-json"), exist_ok=True)
    write("tf-orgs-json/main.tf.json", json.dumps({"resource": {
        "cloudflare_zero_trust_organization": orgs}}))

    others = {}
    size = 200
    while size < mib64:
        name = f"r{len(others)}"
        others[name] = {"triggers": {"a": "b"}}
        size += len(name) + 30
    os.makedirs(os.path.join(out, "tf-json"), exist_ok=True)
    write("tf-json/main.tf.json", json.dumps({"resource": {
        "cloudflare_zero_trust_organization": {
            "main": {"account_id": account, "session_duration": "1d"}},
        "null_resource": others}}))

    def plan(kind: str, after: dict) -> str:
        change = json.dumps({
            "address": f"{kind}.main", "mode": "managed", "type": kind,
            "change": {"actions": ["update"], "after": after,
                       "after_unknown": {}}})
        count = mib64 // (len(change) + 1)
        return ('{"format_version": "1.2", "resource_changes": ['
                + ",".join([change] * count) + "]}")

    write("plan-others.json", plan("null_resource", {"triggers": {"a": "b"}}))
    write("plan-orgs.json", plan("cloudflare_zero_trust_organization", {
        "account_id": "699d98642c564d2e855e9661899b7252",
        "session_duration": "1d"}))


if __name__ == "__main__":
    main()
