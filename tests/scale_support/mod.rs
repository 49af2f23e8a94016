//! Generated payloads with many findings, shared by `tests/scale.rs` and
//! `benches/scale.rs` (which includes this file by path).

#![allow(dead_code)] // Each user takes a different part.

/// A body of `count` unknown keys, `"unknown_0": 0, ...`: `count`
/// `unknown-field` findings. One key per line, or all on one line.
pub fn unknown_keys(count: usize, one_line: bool) -> String {
    let separator = if one_line { ", " } else { ",\n" };
    let keys: Vec<String> = (0..count)
        .map(|i| format!("\"unknown_{i}\": {i}"))
        .collect();
    if one_line {
        format!("{{{}}}\n", keys.join(separator))
    } else {
        format!("{{\n{}\n}}\n", keys.join(separator))
    }
}

/// A body with the key `name` `count` times on one line: `count - 1`
/// `duplicate-key` findings.
pub fn duplicate_keys(count: usize) -> String {
    let members = vec!["\"name\": \"x\""; count];
    format!("{{{}}}\n", members.join(", "))
}

/// A body of `count` members `"key_0": null, ...`, one per line.
pub fn null_values(count: usize) -> String {
    let members: Vec<String> = (0..count).map(|i| format!("\"key_{i}\": null")).collect();
    format!("{{\n{}\n}}\n", members.join(",\n"))
}

/// `{"name": "Widget", "x": [1,1,...]}` with `count` numbers under the
/// unknown key `x`: one `unknown-field` finding.
pub fn ignored_numbers(count: usize) -> String {
    let mut source = String::with_capacity(2 * count + 32);
    source.push_str("{\"name\": \"Widget\", \"x\": [");
    for i in 0..count {
        source.push_str(if i == 0 { "1" } else { ",1" });
    }
    source.push_str("]}\n");
    source
}
