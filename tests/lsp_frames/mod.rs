//! JSON-RPC frames as a language client writes and reads them
//! (`Content-Length` headers), for the tests and the bench that drive
//! `ztlint server` over pipes.
#![allow(dead_code)] // Each user takes a different part.

use std::io::BufRead;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

/// `ztlint server` from the built binary, with piped stdin and stdout (its
/// log on stderr is dropped).
pub fn spawn_server() -> Child {
    Command::new(env!("CARGO_BIN_EXE_ztlint"))
        .arg("server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("ztlint server starts")
}

/// `message` as a frame.
pub fn frame(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

/// The next frame from the server, or `None` when its output ends.
///
/// # Panics
///
/// When the server writes a frame that is not JSON: it never should.
pub fn read_frame(out: &mut impl BufRead) -> Option<Value> {
    let mut length = 0;
    loop {
        let mut line = String::new();
        if out.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse().expect("a length");
        }
    }
    let mut body = vec![0; length];
    out.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the server writes JSON"))
}
