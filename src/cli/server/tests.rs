//! The server in process, over `Connection::memory()`: the messages it
//! sends, snapshotted, and a seeded storm of random messages it must
//! survive.

use std::thread;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};

use ls_types::Uri;

use super::session::{self, Ended};

const SEED: &str = include_str!("../../../examples/seed-example.json");
const UNICODE: &str = include_str!("../../../tests/editors/seed-unicode.json");
const URI: &str = "file:///payloads/seed.json";
const WAIT: Duration = Duration::from_secs(10);

/// A test client on one end of an in-memory connection, the server on a
/// thread at the other.
struct Client {
    connection: Connection,
    server: Option<thread::JoinHandle<Ended>>,
    next_id: i32,
    /// Notifications received while waiting for a response.
    notifications: Vec<Notification>,
}

impl Client {
    fn start() -> Client {
        let (server, client) = Connection::memory();
        let handle = thread::spawn(move || session::serve(&server));
        Client {
            connection: client,
            server: Some(handle),
            next_id: 0,
            notifications: Vec::new(),
        }
    }

    /// A started client, initialized with `capabilities` and `options`.
    fn initialized(capabilities: Value, options: Value) -> (Client, Value) {
        let mut client = Client::start();
        let result = client
            .request(
                "initialize",
                json!({"capabilities": capabilities, "initializationOptions": options}),
            )
            .response_result
            .expect("initialize succeeds");
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn send(&self, message: Message) {
        self.connection.sender.send(message).expect("server is up");
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Message::Notification(Notification::new(
            method.to_string(),
            params,
        )));
    }

    fn request(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Message::Request(Request::new(
            id.clone(),
            method.to_string(),
            params,
        )));
        loop {
            match self.connection.receiver.recv_timeout(WAIT) {
                Ok(Message::Response(r)) if r.id == id => return r,
                Ok(Message::Notification(n)) => self.notifications.push(n),
                Ok(other) => panic!("unexpected message {other:?}"),
                Err(e) => panic!("no response to `{method}`: {e}"),
            }
        }
    }

    fn result(&mut self, method: &str, params: Value) -> Value {
        self.request(method, params)
            .response_result
            .unwrap_or_else(|e| panic!("`{method}` failed: {e:?}"))
    }

    fn error(&mut self, method: &str, params: Value) -> (i32, String) {
        let e = self
            .request(method, params)
            .response_result
            .expect_err("an error response");
        (e.code, e.message)
    }

    /// The next notification of `method`, skipping none: any other
    /// notification first is a failure.
    fn notification(&mut self, method: &str) -> Value {
        let n = if self.notifications.is_empty() {
            match self.connection.receiver.recv_timeout(WAIT) {
                Ok(Message::Notification(n)) => n,
                other => panic!("expected `{method}`, got {other:?}"),
            }
        } else {
            self.notifications.remove(0)
        };
        assert_eq!(n.method, method, "{n:?}");
        n.params
    }

    fn open(&self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
        );
    }

    fn change(&self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// Shuts the server down and returns how it ended.
    fn finish(mut self) -> Ended {
        assert_eq!(self.result("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.join()
    }

    fn join(mut self) -> Ended {
        self.server
            .take()
            .expect("joined once")
            .join()
            .expect("the server thread does not panic")
    }
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).expect("JSON")
}

/// `(code, start line, start character, end character)` of diagnostics.
fn places(diagnostics: &Value) -> Vec<(String, u64, u64, u64)> {
    diagnostics
        .as_array()
        .expect("an array")
        .iter()
        .map(|d| {
            let r = &d["range"];
            (
                d["code"].as_str().unwrap().to_string(),
                r["start"]["line"].as_u64().unwrap(),
                r["start"]["character"].as_u64().unwrap(),
                r["end"]["character"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn place(code: &str, line: u64, start: u64, end: u64) -> (String, u64, u64, u64) {
    (code.to_string(), line, start, end)
}

#[test]
fn initialize_announces_what_the_server_does() {
    let (client, result) = Client::initialized(json!({}), Value::Null);
    insta::assert_snapshot!(pretty(&result));
    assert_eq!(client.finish(), Ended::Shutdown);
}

#[test]
fn the_seed_example_is_published_with_its_version_and_cleared_on_close() {
    let (mut client, _) = Client::initialized(json!({}), Value::Null);
    client.open(URI, SEED);
    let published = client.notification("textDocument/publishDiagnostics");
    insta::assert_snapshot!(pretty(&published));

    client.change(URI, 2, &SEED.replace("\"false\"", "false"));
    let published = client.notification("textDocument/publishDiagnostics");
    assert_eq!(published["version"], 2);
    assert_eq!(
        places(&published["diagnostics"]),
        [
            place("low-contrast", 13, 18, 27),
            place("duration-range", 18, 40, 46)
        ]
    );

    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(
        client.notification("textDocument/publishDiagnostics"),
        json!({"uri": URI, "diagnostics": []})
    );
    assert_eq!(client.finish(), Ended::Shutdown);
}

#[test]
fn a_terraform_file_is_linted_with_its_module_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let infra = dir.path().join("infra");
    std::fs::create_dir(&infra).unwrap();
    std::fs::write(
        infra.join("variables.tf"),
        include_str!("../../../examples/terraform/variables.tf"),
    )
    .unwrap();
    let tfvars = infra.join("terraform.tfvars");
    std::fs::write(
        &tfvars,
        include_str!("../../../examples/terraform/terraform.tfvars"),
    )
    .unwrap();
    let main = infra.join("main.tf");
    let uri = Uri::from_file_path(&main).unwrap().to_string();
    let (mut client, _) = Client::initialized(json!({}), Value::Null);
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "terraform", "version": 1,
            "text": include_str!("../../../examples/terraform/main.tf")}}),
    );
    let published = client.notification("textDocument/publishDiagnostics");
    let diagnostics = &published["diagnostics"];
    assert_eq!(
        places(diagnostics),
        [
            place("duration-syntax", 14, 39, 59),
            place("duration-range", 15, 39, 45),
            place("terraform-block-syntax", 21, 2, 14),
            place("low-contrast", 23, 23, 32)
        ]
    );
    // The value comes from terraform.tfvars: a related location there.
    assert_eq!(
        diagnostics[0]["relatedInformation"],
        json!([{
            "location": {
                "uri": Uri::from_file_path(&tfvars).unwrap().to_string(),
                "range": {"start": {"line": 1, "character": 19}, "end": {"line": 1, "character": 26}}
            },
            "message": "`var.session_duration` is set here"
        }])
    );
    // A variable file is not linted.
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": Uri::from_file_path(&tfvars).unwrap().to_string(),
            "languageId": "terraform-vars", "version": 1, "text": "session_duration = \"1d\"\n"}}),
    );
    let published = client.notification("textDocument/publishDiagnostics");
    assert_eq!(published["diagnostics"], json!([]));
    assert_eq!(client.finish(), Ended::Shutdown);
}

#[test]
fn a_terraform_plan_is_linted_as_the_bodies_it_sends() {
    let (mut client, _) = Client::initialized(json!({}), Value::Null);
    let plan = include_str!("../../../examples/terraform/plan.json");
    client.open("file:///work/plan.json", plan);
    let published = client.notification("textDocument/publishDiagnostics");
    assert_eq!(
        places(&published["diagnostics"]),
        [
            place("low-contrast", 113, 26, 35),
            place("duration-syntax", 127, 30, 34),
            place("duration-syntax", 129, 40, 44)
        ]
    );
    assert_eq!(client.finish(), Ended::Shutdown);
}

#[test]
fn positions_count_utf8_or_utf16_units_as_negotiated() {
    // The findings on lines 8 and 13 follow `ü`, `ß`, `😀` and `—`.
    for (offered, encoding, expected) in [
        (
            json!(["utf-16", "utf-8"]),
            "utf-8",
            [
                place("wrong-type", 7, 77, 84),
                place("low-contrast", 12, 49, 58),
                place("duration-range", 16, 40, 46),
            ],
        ),
        (
            json!(["utf-32"]),
            "utf-16",
            [
                place("wrong-type", 7, 71, 78),
                place("low-contrast", 12, 45, 54),
                place("duration-range", 16, 40, 46),
            ],
        ),
    ] {
        let caps = json!({"general": {"positionEncodings": offered}});
        let (mut client, result) = Client::initialized(caps, Value::Null);
        assert_eq!(result["capabilities"]["positionEncoding"], encoding);
        client.open(URI, UNICODE);
        let published = client.notification("textDocument/publishDiagnostics");
        assert_eq!(places(&published["diagnostics"]), expected, "{encoding}");
        // The secondary label of low-contrast, on line 10, is ASCII.
        assert_eq!(
            published["diagnostics"][1]["relatedInformation"][0]["location"]["range"],
            json!({"start": {"line": 9, "character": 24}, "end": {"line": 9, "character": 33}})
        );
        // Hover at the finding's first character, in the same units.
        let hover = client.result(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 7, "character": expected[0].2}}),
        );
        let text = hover["contents"]["value"].as_str().unwrap();
        assert!(
            text.starts_with(
                "**ztlint `wrong-type`** (error): A field has a value of the wrong JSON type"
            ),
            "{text}"
        );
        assert_eq!(client.finish(), Ended::Shutdown);
    }
}

#[test]
fn pulled_diagnostics_are_not_pushed_and_unchanged_ones_say_so() {
    let caps = json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}});
    let (mut client, result) = Client::initialized(caps, Value::Null);
    assert_eq!(
        result["capabilities"]["diagnosticProvider"],
        json!({"identifier": "ztlint", "interFileDependencies": false, "workspaceDiagnostics": false})
    );
    client.open(URI, SEED);
    let params = json!({"textDocument": {"uri": URI}});
    let report = client.result("textDocument/diagnostic", params.clone());
    // Nothing was pushed before the answer.
    assert!(
        client.notifications.is_empty(),
        "{:?}",
        client.notifications
    );
    assert_eq!(report["kind"], "full");
    assert_eq!(report["resultId"], "1");
    assert_eq!(
        places(&report["items"]),
        [
            place("wrong-type", 7, 21, 28),
            place("low-contrast", 13, 18, 27),
            place("duration-range", 18, 40, 46),
        ]
    );
    let again = client.result(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": URI}, "previousResultId": "1"}),
    );
    assert_eq!(again, json!({"kind": "unchanged", "resultId": "1"}));
    client.change(URI, 2, "{}");
    let changed = client.result(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": URI}, "previousResultId": "1"}),
    );
    assert_eq!(places(&changed["items"]), [place("empty-body", 0, 0, 1)]);
    assert_eq!(changed["items"][0]["tags"], json!([1]));
    assert_eq!(changed["resultId"], "2");
    // A closed document has no findings.
    client.notify("textDocument/didClose", params.clone());
    let closed = client.result("textDocument/diagnostic", params);
    assert_eq!(closed, json!({"kind": "full", "items": []}));
    assert!(
        client.notifications.is_empty(),
        "{:?}",
        client.notifications
    );
    assert_eq!(client.finish(), Ended::Shutdown);
}

fn action_params(diagnostics: Value, only: Value) -> Value {
    json!({
        "textDocument": {"uri": URI},
        "range": {"start": {"line": 7, "character": 21}, "end": {"line": 7, "character": 21}},
        "context": {"diagnostics": diagnostics, "only": only},
    })
}

#[test]
fn code_actions_carry_the_fixes_from_the_diagnostics() {
    let caps = json!({"workspace": {"workspaceEdit": {"documentChanges": true, "changeAnnotationSupport": {}}}});
    let (mut client, _) = Client::initialized(caps, Value::Null);
    client.open(URI, SEED);
    let published = client.notification("textDocument/publishDiagnostics");
    let diagnostics = published["diagnostics"].clone();
    let all = client.result(
        "textDocument/codeAction",
        action_params(diagnostics.clone(), Value::Null),
    );
    insta::assert_snapshot!(pretty(&all));

    // Only the fix-all action when asked for `source`.
    let source = client.result(
        "textDocument/codeAction",
        action_params(diagnostics.clone(), json!(["source"])),
    );
    assert_eq!(source.as_array().unwrap().len(), 1);
    assert_eq!(source[0]["kind"], "source.fixAll.ztlint");

    // Diagnostics of another version (or without data) are matched against
    // the server's own copy.
    let mut stale = diagnostics[0].clone();
    stale["data"]["version"] = json!(0);
    stale["data"]["fixes"][0]["title"] = json!("stale");
    let quick = client.result(
        "textDocument/codeAction",
        action_params(json!([stale]), json!(["quickfix"])),
    );
    assert_eq!(quick[0]["title"], "Replace with `false`");
    let mut bare = diagnostics[0].clone();
    bare.as_object_mut().unwrap().remove("data");
    let quick = client.result(
        "textDocument/codeAction",
        action_params(json!([bare]), json!(["quickfix"])),
    );
    assert_eq!(quick[0]["title"], "Replace with `false`");
    // Another server's diagnostics are not ours to fix.
    let mut foreign = diagnostics[0].clone();
    foreign["source"] = json!("jsonls");
    let none = client.result(
        "textDocument/codeAction",
        action_params(json!([foreign]), json!(["quickfix"])),
    );
    assert_eq!(none, json!([]));
    assert_eq!(client.finish(), Ended::Shutdown);
}

#[test]
fn without_document_changes_edits_are_plain_changes() {
    let (mut client, _) = Client::initialized(json!({}), Value::Null);
    client.open(URI, SEED);
    let published = client.notification("textDocument/publishDiagnostics");
    let quick = client.result(
        "textDocument/codeAction",
        action_params(json!([published["diagnostics"][0]]), json!(["quickfix"])),
    );
    assert_eq!(
        quick[0]["edit"],
        json!({"changes": {URI: [{"range": {"start": {"line": 7, "character": 21}, "end": {"line": 7, "character": 28}}, "newText": "false"}]}})
    );
    assert_eq!(client.finish(), Ended::Shutdown);
}

#[test]
fn hover_shows_the_field_on_its_key() {
    let caps = json!({"textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}}});
    let (mut client, _) = Client::initialized(caps, Value::Null);
    client.open(URI, SEED);
    let at = |line: u32, character: u32| json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}});
    let key = client.result("textDocument/hover", at(9, 6));
    insta::assert_snapshot!(pretty(&key));
    // Between values: nothing.
    assert_eq!(client.result("textDocument/hover", at(0, 0)), Value::Null);
    // A closed or unknown document: nothing.
    let unknown = json!({"textDocument": {"uri": "file:///nowhere.json"}, "position": {"line": 0, "character": 0}});
    assert_eq!(client.result("textDocument/hover", unknown), Value::Null);
    assert_eq!(client.finish(), Ended::Shutdown);
}

#[test]
fn editor_settings_override_and_a_change_lints_again() {
    let (mut client, _) = Client::initialized(json!({}), json!({"ignore": ["low-contrast"]}));
    client.open(URI, SEED);
    let published = client.notification("textDocument/publishDiagnostics");
    assert_eq!(
        places(&published["diagnostics"]),
        [
            place("wrong-type", 7, 21, 28),
            place("duration-range", 18, 40, 46)
        ]
    );
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"ztlint": {"rules": {"wrong-type": "info"}}}}),
    );
    let published = client.notification("textDocument/publishDiagnostics");
    assert_eq!(published["diagnostics"].as_array().unwrap().len(), 3);
    assert_eq!(published["diagnostics"][0]["severity"], 3);
    // A setting that cannot be used is shown, and the old ones stay.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"ztlint": {"profile": "zone"}}}),
    );
    let shown = client.notification("window/showMessage");
    assert_eq!(
        shown,
        json!({"type": 1, "message": "ztlint: `profile` of the editor settings is `zone`; expected `account-update`, `zone-update` or `create`"})
    );
    client.change(URI, 2, SEED);
    let published = client.notification("textDocument/publishDiagnostics");
    assert_eq!(published["diagnostics"].as_array().unwrap().len(), 3);
    assert_eq!(client.finish(), Ended::Shutdown);
}

#[test]
fn a_document_that_is_not_json_gets_a_syntax_finding_and_others_none() {
    let (mut client, _) = Client::initialized(json!({}), Value::Null);
    client.open(URI, "{\"name\": ");
    let published = client.notification("textDocument/publishDiagnostics");
    assert_eq!(
        places(&published["diagnostics"]),
        [place("json-syntax", 0, 9, 9)]
    );
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "file:///main.tf", "languageId": "terraform", "version": 1, "text": "resource {"}}),
    );
    let published = client.notification("textDocument/publishDiagnostics");
    assert_eq!(
        published,
        json!({"uri": "file:///main.tf", "diagnostics": [], "version": 1})
    );
    assert_eq!(client.finish(), Ended::Shutdown);
}

#[test]
fn the_life_cycle_follows_the_protocol() {
    let mut client = Client::start();
    assert_eq!(
        client.error("textDocument/hover", json!({})),
        (-32002, "the server is not initialized yet".to_string())
    );
    client.result("initialize", json!({"capabilities": {}}));
    assert_eq!(
        client.error("initialize", json!({"capabilities": {}})),
        (-32600, "the server is already initialized".to_string())
    );
    assert_eq!(
        client.error("workspace/symbol", json!({"query": ""})),
        (
            -32601,
            "ztlint does not handle `workspace/symbol`".to_string()
        )
    );
    let (code, message) = client.error("textDocument/hover", json!({"textDocument": 5}));
    assert_eq!(code, -32602);
    assert!(
        message.starts_with("invalid params for `textDocument/hover`: "),
        "{message}"
    );
    assert_eq!(client.result("shutdown", Value::Null), Value::Null);
    assert_eq!(
        client.error("textDocument/hover", json!({})),
        (-32600, "the server is shutting down".to_string())
    );
    client.notify("exit", Value::Null);
    assert_eq!(client.join(), Ended::Shutdown);

    // `exit` without `shutdown` ends abruptly (status 1).
    let (client, _) = Client::initialized(json!({}), Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.join(), Ended::Abruptly);
}

#[path = "../../../tests/seeded/mod.rs"]
mod seeded;

use seeded::Rng;

impl Rng {
    /// A random JSON value, at most `depth` deep.
    fn value(&mut self, depth: usize) -> Value {
        match self.below(if depth == 0 { 5 } else { 7 }) {
            0 => Value::Null,
            1 => json!(self.below(2) == 0),
            2 => json!(self.next() as i64 >> self.below(64)),
            3 => json!(self.pick(&[
                "",
                "file:///payloads/seed.json",
                "utf-8",
                "quickfix",
                "😀\r\n",
                "{\"a\":"
            ])),
            4 => json!(u32::MAX),
            5 => Value::Array((0..self.below(4)).map(|_| self.value(depth - 1)).collect()),
            _ => {
                let keys = [
                    "textDocument",
                    "uri",
                    "position",
                    "range",
                    "line",
                    "character",
                    "context",
                    "diagnostics",
                    "text",
                    "version",
                    "contentChanges",
                    "settings",
                    "start",
                    "end",
                    "only",
                    "data",
                ];
                let mut map = serde_json::Map::new();
                for _ in 0..self.below(5) {
                    map.insert(self.pick(&keys).to_string(), self.value(depth - 1));
                }
                Value::Object(map)
            }
        }
    }

    /// Params that are mostly well formed, with random holes.
    fn params(&mut self, text: &str) -> Value {
        let position = json!({"line": self.below(30), "character": self.next() % 100});
        let mut params = json!({
            "textDocument": {"uri": URI, "languageId": "json", "version": self.below(100), "text": text},
            "position": position,
            "range": {"start": position, "end": {"line": self.below(30), "character": self.below(200)}},
            "context": {"diagnostics": [], "only": null},
            "contentChanges": [{"text": text}],
            "settings": {"ztlint": {"ignore": ["logo"]}},
        });
        if self.below(3) == 0 {
            let keys = [
                "textDocument",
                "position",
                "range",
                "context",
                "contentChanges",
                "settings",
            ];
            params[self.pick(&keys)] = self.value(3);
        }
        let range = params["range"].clone();
        if let Some(change) = params["contentChanges"].get_mut(0) {
            if self.below(4) == 0 && change.is_object() {
                change["range"] = range;
            }
        }
        params
    }
}

#[test]
fn random_messages_never_stop_the_server_and_every_request_is_answered() {
    const METHODS: [&str; 14] = [
        "initialize",
        "initialized",
        "textDocument/didOpen",
        "textDocument/didChange",
        "textDocument/didClose",
        "textDocument/didSave",
        "textDocument/diagnostic",
        "textDocument/codeAction",
        "textDocument/hover",
        "workspace/didChangeConfiguration",
        "$/cancelRequest",
        "$/setTrace",
        "textDocument/completion",
        "",
    ];
    let texts = [
        SEED,
        UNICODE,
        "",
        "{",
        "[1, 2]",
        "{\"is_ui_read_only\": \"false\"}\r\n",
        "\u{feff}{}",
        "\"😀\"\r{\n}",
    ];
    for seed in [1_u64, 0x5eed, 0xdead_beef] {
        let mut rng = Rng(seed);
        let mut client = Client::start();
        let mut requests = 0;
        let mut answered = 0;
        for _ in 0..1500 {
            let method = rng.pick(&METHODS).to_string();
            let text = rng.pick(&texts);
            let params = if rng.below(5) == 0 {
                rng.value(4)
            } else {
                rng.params(text)
            };
            match rng.below(3) {
                0 => client.notify(&method, params),
                1 => {
                    client.request(&method, params);
                    requests += 1;
                    answered += 1;
                }
                _ => client.send(Message::Response(Response::new_err(
                    RequestId::from(rng.below(9) as i32),
                    -1,
                    String::new(),
                ))),
            }
        }
        assert_eq!(answered, requests);
        // Still serving: a known request gets its answer.
        // (The storm may have initialized the server already.)
        client.request("initialize", json!({"capabilities": {}}));
        client.open(URI, SEED);
        let hover = client.result(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 7, "character": 4}}),
        );
        assert!(
            hover["contents"]["value"]
                .as_str()
                .unwrap()
                .contains("**`is_ui_read_only`**"),
            "seed {seed}: {hover}"
        );
        assert!(
            !client.server.as_ref().unwrap().is_finished(),
            "seed {seed}"
        );
        assert_eq!(client.finish(), Ended::Shutdown, "seed {seed}");
    }
}

#[test]
fn a_settings_change_asks_a_pulling_client_to_pull_again() {
    let caps = json!({
        "textDocument": {"diagnostic": {}},
        "workspace": {"diagnostics": {"refreshSupport": true}},
    });
    let (mut client, _) = Client::initialized(caps, Value::Null);
    client.open(URI, SEED);
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"ignore": ["duration"]}}),
    );
    match client.connection.receiver.recv_timeout(WAIT) {
        Ok(Message::Request(r)) => {
            assert_eq!(r.method, "workspace/diagnostic/refresh");
            assert_eq!(r.params, Value::Null);
            client.send(Message::Response(Response {
                id: r.id,
                response_result: Ok(Value::Null),
            }));
        }
        other => panic!("expected a refresh request, got {other:?}"),
    }
    let report = client.result(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(
        places(&report["items"]),
        [
            place("wrong-type", 7, 21, 28),
            place("low-contrast", 13, 18, 27)
        ]
    );
    assert_eq!(client.finish(), Ended::Shutdown);
}
