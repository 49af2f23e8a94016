//! JSON-RPC over stdio: `Content-Length` framing that survives bad input.
//!
//! `lsp_server::Connection::stdio` stops reading at the first frame it
//! cannot parse, which would end the server. This transport reads frames
//! itself: a frame whose body is not JSON gets a parse error, one that is
//! JSON but not a message gets an invalid-request error (both with the
//! request's `id` when it has one, as JSON-RPC 2.0 asks), a header block
//! without `Content-Length` is skipped, and reading goes on. Only the end
//! of standard input ends it.

use std::io::{self, BufRead, Read, Write};
use std::thread;

use lsp_server::{Connection, ErrorCode, Message};

/// The reader and writer threads of a stdio connection.
pub(crate) struct Io {
    writer: thread::JoinHandle<()>,
}

impl Io {
    /// Waits until every message the server sent is written. Call after
    /// dropping the server's end of the connection.
    pub(crate) fn join(self) {
        // The writer only ends once its channel is closed; a panic in it
        // has already been reported by the panic hook.
        let _ = self.writer.join();
    }
}

/// A connection over standard input and output.
pub(crate) fn stdio() -> (Connection, Io) {
    let (server, client) = Connection::memory();
    let writer = thread::spawn(move || {
        for message in client.receiver {
            let mut frame = Vec::new();
            if message.write(&mut frame).is_err() || write_frame(&frame).is_err() {
                // The client closed its end: nothing more can be said.
                break;
            }
        }
    });
    let to_server = client.sender;
    // The reader blocks on standard input, so it is never joined: the
    // process ends it when the server exits.
    thread::spawn(move || {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        loop {
            match read_frame(&mut input) {
                Ok(None) | Err(_) => break,
                Ok(Some(body)) => match decode(&body) {
                    Ok(message) => {
                        if to_server.send(message).is_err() {
                            break;
                        }
                    }
                    Err(reply) => {
                        let mut frame = format!("Content-Length: {}\r\n\r\n", reply.len());
                        frame.push_str(&reply);
                        let _ = write_frame(frame.as_bytes());
                    }
                },
            }
        }
    });
    (server, Io { writer })
}

/// Writes one whole frame to standard output, under its lock, so frames
/// from the two threads never interleave.
fn write_frame(frame: &[u8]) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    out.write_all(frame)?;
    out.flush()
}

/// Reads the next frame's body. `None` at the end of the input.
///
/// Header lines other than `Content-Length` are ignored, and so is a
/// header block without it. Bodies are read as they arrive, never
/// allocated from the header's word, so a huge `Content-Length` costs only
/// what is really sent. A body that is not UTF-8 is read lossily (and will
/// then fail to parse).
pub(crate) fn read_frame(input: &mut impl BufRead) -> io::Result<Option<String>> {
    loop {
        let mut length: Option<u64> = None;
        let mut in_headers = false;
        loop {
            let mut line = Vec::new();
            if input.read_until(b'\n', &mut line)? == 0 {
                return Ok(None);
            }
            let line = String::from_utf8_lossy(&line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if in_headers {
                    break;
                }
                continue;
            }
            in_headers = true;
            if let Some((name, value)) = line.split_once(':') {
                if name.trim().eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().ok();
                }
            }
        }
        let Some(length) = length else {
            continue;
        };
        let mut body = Vec::new();
        input.take(length).read_to_end(&mut body)?;
        if (body.len() as u64) < length {
            return Ok(None);
        }
        return Ok(Some(String::from_utf8(body).unwrap_or_else(|e| {
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        })));
    }
}

/// A frame's body as a message, or the text of the error response to send.
pub(crate) fn decode(body: &str) -> Result<Message, String> {
    let value: serde_json::Value = match serde_json::from_str(body) {
        Ok(value) => value,
        Err(e) => {
            return Err(error_reply(
                serde_json::Value::Null,
                ErrorCode::ParseError,
                &format!("not JSON: {e}"),
            ))
        }
    };
    let id = value
        .get("id")
        .filter(|id| id.is_number() || id.is_string())
        .cloned()
        .unwrap_or(serde_json::Value::Null);
    let has_id = value.get("id").is_some_and(|id| !id.is_null());
    match serde_json::from_value::<Message>(value) {
        // An id the protocol does not allow (a number beyond 32 bits, an
        // object) would otherwise make a request look like a notification,
        // which gets no answer.
        Ok(Message::Notification(_)) if has_id => Err(error_reply(
            id,
            ErrorCode::InvalidRequest,
            "a request id must be a 32-bit integer or a string",
        )),
        Ok(message) => Ok(message),
        Err(e) => Err(error_reply(
            id,
            ErrorCode::InvalidRequest,
            &format!("not a JSON-RPC request, notification or response: {e}"),
        )),
    }
}

fn error_reply(id: serde_json::Value, code: ErrorCode, message: &str) -> String {
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {"code": code as i32, "message": message},
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<String> {
        let mut input = input;
        let mut out = Vec::new();
        while let Some(body) = read_frame(&mut input).unwrap() {
            out.push(body);
        }
        out
    }

    #[test]
    fn frames_are_read_and_garbage_between_them_skipped() {
        let input = b"Content-Length: 2\r\n\r\n{}\
            garbage line\r\n\r\n\
            content-length:  3\r\nContent-Type: x\r\n\r\n[1]\
            Content-Length: 10\r\n\r\nshort";
        assert_eq!(frames(input), ["{}", "[1]"]);
    }

    #[test]
    fn bad_bodies_get_error_replies_with_the_id_when_there_is_one() {
        assert_eq!(
            decode("{nope").unwrap_err(),
            r#"{"error":{"code":-32700,"message":"not JSON: key must be a string at line 1 column 2"},"id":null,"jsonrpc":"2.0"}"#
        );
        let reply = decode(r#"{"id": 7, "method": 5}"#).unwrap_err();
        assert!(
            reply.contains(r#""code":-32600"#) && reply.contains(r#""id":7"#),
            "{reply}"
        );
        // An id lsp-server cannot hold is echoed as it came.
        let reply = decode(r#"{"id": 1e300, "method": "x"}"#).unwrap_err();
        assert_eq!(
            reply,
            r#"{"error":{"code":-32600,"message":"a request id must be a 32-bit integer or a string"},"id":1e+300,"jsonrpc":"2.0"}"#
        );
        assert!(decode(r#"{"method": "initialized", "params": {}}"#).is_ok());
    }
}
