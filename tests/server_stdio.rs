//! `ztlint server` as editors run it: the real binary over pipes, with a
//! seeded storm of malformed frames and messages. It must answer what can
//! be answered, keep serving, and exit only when told to.

use std::io::{BufReader, Write};
use std::process::{Child, ChildStdin};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use serde_json::{json, Value};

mod lsp_frames;
mod seeded;

use lsp_frames::{frame, read_frame};
use seeded::Rng;

const SEED: &str = include_str!("../examples/seed-example.json");

struct Server {
    child: Child,
    stdin: ChildStdin,
    frames: mpsc::Receiver<Value>,
}

impl Server {
    fn start() -> Server {
        let mut child = lsp_frames::spawn_server();
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, frames) = mpsc::channel();
        thread::spawn(move || {
            let mut out = BufReader::new(stdout);
            while let Some(value) = read_frame(&mut out) {
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            frames,
        }
    }

    fn raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("the server reads");
    }

    fn send(&mut self, message: Value) {
        self.raw(&frame(&message));
    }

    /// The next frame that answers `id`, skipping everything else.
    fn answer(&mut self, id: &Value) -> Value {
        loop {
            let frame = self
                .frames
                .recv_timeout(Duration::from_secs(30))
                .expect("an answer within 30 s");
            if frame.get("id") == Some(id) && frame.get("method").is_none() {
                return frame;
            }
        }
    }

    fn wait(mut self) -> i32 {
        drop(self.stdin);
        for _ in 0..300 {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code().expect("exited, not killed");
            }
            thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        panic!("the server did not exit within 30 s");
    }
}

fn initialize(server: &mut Server) {
    server.send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    let answer = server.answer(&json!(1));
    assert_eq!(
        answer["result"]["capabilities"]["positionEncoding"],
        "utf-16"
    );
    server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
}

#[test]
fn malformed_frames_get_json_rpc_errors_and_the_server_goes_on() {
    let mut server = Server::start();
    initialize(&mut server);
    server.raw(b"Content-Length: 5\r\n\r\n{nope");
    assert_eq!(
        server.answer(&Value::Null),
        json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": "not JSON: key must be a string at line 1 column 2"}})
    );
    server.send(json!({"jsonrpc": "2.0", "id": 7, "method": 42}));
    assert_eq!(server.answer(&json!(7))["error"]["code"], -32600);
    server.raw(b"X-Nothing: here\r\n\r\n");
    server.send(json!({"jsonrpc": "2.0", "id": 8, "method": "shutdown"}));
    assert_eq!(server.answer(&json!(8))["result"], Value::Null);
    server.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(server.wait(), 0);
}

#[test]
fn the_end_of_input_without_shutdown_exits_1() {
    let mut server = Server::start();
    initialize(&mut server);
    assert_eq!(server.wait(), 1);
}

impl Rng {
    /// A body: a message of a known method with random params, a message
    /// of a wrong shape, JSON that is no message, or bytes that are not
    /// JSON (or not UTF-8).
    fn body(&mut self) -> Vec<u8> {
        let methods = [
            "initialize",
            "textDocument/didOpen",
            "textDocument/didChange",
            "textDocument/hover",
            "textDocument/codeAction",
            "textDocument/diagnostic",
            "workspace/didChangeConfiguration",
            "textDocument/didClose",
            "nope",
        ];
        let method = self.pick(&methods);
        let id = match self.below(5) {
            0 => json!(null),
            1 => json!("s"),
            2 => json!(1u64 << 40),
            3 => json!({"x": 1}),
            _ => json!(self.below(1000)),
        };
        let doc = json!({"uri": "file:///p/seed.json", "languageId": "json", "version": self.below(9), "text": SEED});
        let params = match self.below(4) {
            0 => json!({"textDocument": doc, "contentChanges": [{"text": "{\"a\": 😀"}]}),
            1 => {
                json!({"textDocument": doc, "position": {"line": self.below(40), "character": self.next() >> 33}})
            }
            2 => json!({"settings": {"ztlint": {"select": ["x"]}}}),
            _ => json!([1, "two", null]),
        };
        match self.below(6) {
            0 => json!({"jsonrpc": "2.0", "method": method, "params": params})
                .to_string()
                .into_bytes(),
            1 | 2 => json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})
                .to_string()
                .into_bytes(),
            3 => json!({"id": id, "result": params}).to_string().into_bytes(),
            4 => b"[1, 2, {\"jsonrpc\": \"2.0\"}]".to_vec(),
            _ => (0..self.below(64)).map(|_| self.next() as u8).collect(),
        }
    }
}

#[test]
fn a_storm_of_random_frames_never_stops_the_server() {
    for seed in [7_u64, 0xfeed] {
        let mut rng = Rng(seed);
        let mut server = Server::start();
        initialize(&mut server);
        for _ in 0..600 {
            let body = rng.body();
            // Lengths that are right, too short or a little too long.
            let length = match rng.below(8) {
                0 => body.len().saturating_sub(rng.below(8)),
                1 => body.len() + rng.below(16),
                _ => body.len(),
            };
            let mut frame = Vec::new();
            match rng.below(10) {
                0 => frame.extend_from_slice(b"garbage without a colon\r\n"),
                1 => frame.extend_from_slice(
                    b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n",
                ),
                2 => frame.extend_from_slice(b"content-length: not a number\r\n\r\n"),
                _ => {}
            }
            frame.extend_from_slice(format!("Content-Length: {length}\r\n\r\n").as_bytes());
            frame.extend_from_slice(&body);
            server.raw(&frame);
        }
        // Newlines absorb any body that was announced too long, then the
        // framing is back in step.
        server.raw(&[b'\n'; 64]);
        server.raw(b"\r\n\r\n");
        server.send(json!({"jsonrpc": "2.0", "id": "alive", "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///p/none.json"}, "position": {"line": 0, "character": 0}}}));
        let answer = server.answer(&json!("alive"));
        assert!(
            answer.get("result").is_some() || answer.get("error").is_some(),
            "seed {seed}: {answer}"
        );
        assert!(
            server.child.try_wait().expect("wait").is_none(),
            "seed {seed}: exited unasked"
        );
        server.send(json!({"jsonrpc": "2.0", "id": "bye", "method": "shutdown"}));
        let bye = server.answer(&json!("bye"));
        server.send(json!({"jsonrpc": "2.0", "method": "exit"}));
        let status = server.wait();
        // The storm may have sent `shutdown`-less garbage only; `shutdown`
        // is never in it, so ours is the first and the exit is clean.
        assert_eq!(bye["result"], Value::Null, "seed {seed}: {bye}");
        assert_eq!(status, 0, "seed {seed}");
    }
}
