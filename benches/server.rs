//! `ztlint server`'s re-lint latency on a 1 MB payload (34,000 exempted
//! zone names, one in 50 invalid: 683 findings, each with a fix or not).
//!
//! - `server/relint+convert`: what the server does at each change, in
//!   process: lint, index the lines, convert every finding to an LSP
//!   diagnostic in UTF-16 positions (the slower encoding).
//! - `server/didChange->publishDiagnostics`: the whole round trip as an
//!   editor sees it, against the built binary over pipes: the full text
//!   sent as JSON-RPC, decoded, linted, converted, encoded and read back.
//!
//! Run with `cargo bench --bench server`.

use std::hint::black_box;
use std::io::{BufReader, Write};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::{json, Value};

// The server's own conversion code, compiled into the bench (the server is
// part of the binary, not the library).
#[allow(dead_code)]
#[path = "../src/cli/server/encoding.rs"]
mod encoding;

#[allow(dead_code)]
#[path = "../src/cli/server/diagnostics.rs"]
mod diagnostics;

#[path = "../tests/lsp_frames/mod.rs"]
mod lsp_frames;

use lsp_frames::frame;

fn read_frame(out: &mut impl std::io::BufRead) -> Value {
    lsp_frames::read_frame(out).expect("the server answers")
}

/// The seed example's fields, non-ASCII login texts, and `zones` exempted
/// zone names, pretty-printed one per line.
fn payload(zones: usize) -> String {
    let mut out = String::from(
        "{\n  \"auth_domain\": \"test.cloudflareaccess.com\",\n  \"is_ui_read_only\": \"false\",\n  \
         \"login_design\": {\n    \"background_color\": \"#c5ed1b\",\n    \
         \"header_text\": \"Grüße aus Zürich 😀\",\n    \"text_color\": \"#c5ed1b\"\n  },\n  \
         \"user_seat_expiration_inactive_time\": \"720h\",\n  \
         \"deny_unmatched_requests_exempted_zone_names\": [\n",
    );
    for i in 0..zones {
        let sep = if i + 1 == zones { "" } else { "," };
        if i % 50 == 0 {
            out.push_str(&format!("    \"bad zone {i}!\"{sep}\n"));
        } else {
            out.push_str(&format!("    \"zone-{i:05}.example.com\"{sep}\n"));
        }
    }
    out.push_str("  ]\n}\n");
    out
}

const ZONES: usize = 34_000;
const FINDINGS: usize = 683;

fn relint(c: &mut Criterion) {
    let text = payload(ZONES);
    assert!(text.len() > 1_000_000, "{} bytes", text.len());
    let uri: ls_types::Uri = "file:///payloads/big.json".parse().expect("a URI");
    let linter = ztlint::Linter::new();
    let mut group = c.benchmark_group("server");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function("relint+convert", |b| {
        b.iter(|| {
            let findings = linter.lint(black_box(&text));
            let map = encoding::LineMap::new(&text, encoding::Encoding::Utf16);
            let sent = diagnostics::convert(&uri, &map, 1, &findings);
            assert_eq!(sent.len(), FINDINGS);
            sent
        })
    });
    group.finish();
}

fn round_trip(c: &mut Criterion) {
    let mut child = lsp_frames::spawn_server();
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let uri = "file:///payloads/big.json";
    stdin
        .write_all(&frame(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})))
        .expect("writes");
    read_frame(&mut stdout);
    let text = payload(ZONES);
    stdin
        .write_all(&frame(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "json", "version": 0, "text": text}}})))
        .expect("writes");
    read_frame(&mut stdout);

    // Two texts in turn, so every change really changes the document.
    let texts = [text.clone(), text.replace("\"720h\"", "\"730h\"")];
    let linter = ztlint::Linter::new();
    let expected = [linter.lint(&texts[0]).len(), linter.lint(&texts[1]).len()];
    assert_eq!(expected, [FINDINGS, FINDINGS - 1]);
    let changes: Vec<Vec<u8>> = (0..2)
        .map(|i| {
            frame(
                &json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                    "textDocument": {"uri": uri, "version": 1},
                    "contentChanges": [{"text": texts[i]}],
                }}),
            )
        })
        .collect();
    let mut group = c.benchmark_group("server");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    let mut turn = 0;
    group.bench_function("didChange->publishDiagnostics", |b| {
        b.iter(|| {
            stdin.write_all(&changes[turn % 2]).expect("writes");
            stdin.flush().expect("flushes");
            let published = read_frame(&mut stdout);
            let count = published["params"]["diagnostics"]
                .as_array()
                .map_or(0, Vec::len);
            assert_eq!(count, expected[turn % 2]);
            turn += 1;
        })
    });
    group.finish();
    stdin
        .write_all(&frame(
            &json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        ))
        .expect("writes");
    read_frame(&mut stdout);
    stdin
        .write_all(&frame(&json!({"jsonrpc": "2.0", "method": "exit"})))
        .expect("writes");
    let _ = child.wait();
}

criterion_group!(benches, relint, round_trip);
criterion_main!(benches);
