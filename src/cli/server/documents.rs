//! The open documents: their text, version and last lint.

use std::collections::HashMap;
use std::path::PathBuf;

use ls_types::Uri;

/// One open document, as the client last sent it, with its findings.
#[derive(Debug)]
pub(crate) struct Document {
    /// The client's version of the text.
    pub(crate) version: i32,
    /// The full text (the server asks for full-text sync).
    pub(crate) text: String,
    /// Whether ztlint lints it: a JSON payload or plan, or a Terraform
    /// file. Other documents the client opens are kept but get no findings.
    pub(crate) payload: bool,
    /// Whether it is a Terraform `.tf` or `.tf.json` file.
    pub(crate) terraform: bool,
    /// The findings of the last lint of `text`, kept for code actions and
    /// hover so that they are never recomputed.
    pub(crate) findings: Vec<ztlint::Diagnostic>,
    /// The same findings as sent to the client.
    pub(crate) sent: Vec<ls_types::Diagnostic>,
    /// Bumped at every lint: the `resultId` of pull diagnostics.
    pub(crate) generation: u64,
}

impl Document {
    /// A document opened with `text`, not yet linted.
    pub(crate) fn new(uri: &Uri, language_id: &str, version: i32, text: String) -> Document {
        Document {
            version,
            text,
            payload: is_payload(uri, language_id),
            terraform: is_terraform(uri, language_id),
            findings: Vec::new(),
            sent: Vec::new(),
            generation: 0,
        }
    }
}

/// Whether ztlint lints a document: JSON by the client's language id or by
/// its extension, or a Terraform file; not a Terraform variable file.
fn is_payload(uri: &Uri, language_id: &str) -> bool {
    let name = file_name(uri);
    if name.ends_with(".tfvars") || name.ends_with(".tfvars.json") {
        return false;
    }
    matches!(language_id, "json" | "jsonc")
        || name.ends_with(".json")
        || is_terraform(uri, language_id)
}

/// Whether a document is a Terraform `.tf` or `.tf.json` file, by its
/// name or, for one without a name of that kind, the client's language id.
fn is_terraform(uri: &Uri, language_id: &str) -> bool {
    let name = file_name(uri);
    if name.ends_with(".tfvars") || name.ends_with(".tfvars.json") {
        return false;
    }
    name.ends_with(".tf") || name.ends_with(".tf.json") || language_id == "terraform"
}

/// The last segment of the URI's path, in lowercase.
fn file_name(uri: &Uri) -> String {
    uri.path()
        .as_str()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// The file a `file:` URI names, if it names one.
pub(crate) fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// The open documents by URI.
#[derive(Debug, Default)]
pub(crate) struct Documents {
    open: HashMap<String, (Uri, Document)>,
}

impl Documents {
    /// Opens (or reopens) a document.
    pub(crate) fn open(&mut self, uri: Uri, document: Document) {
        self.open.insert(uri.as_str().to_string(), (uri, document));
    }

    /// Closes a document; whether it was open.
    pub(crate) fn close(&mut self, uri: &Uri) -> bool {
        self.open.remove(uri.as_str()).is_some()
    }

    /// The open document at `uri`.
    pub(crate) fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri.as_str()).map(|(_, d)| d)
    }

    /// The open document at `uri`, to change.
    pub(crate) fn get_mut(&mut self, uri: &Uri) -> Option<&mut Document> {
        self.open.get_mut(uri.as_str()).map(|(_, d)| d)
    }

    /// Every open document's URI, in a stable order.
    pub(crate) fn uris(&self) -> Vec<Uri> {
        let mut uris: Vec<Uri> = self.open.values().map(|(u, _)| u.clone()).collect();
        uris.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        uris
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(s: &str) -> Uri {
        s.parse().unwrap()
    }

    #[test]
    fn payloads_are_json_by_language_or_extension() {
        assert!(is_payload(&uri("file:///a/org.txt"), "json"));
        assert!(is_payload(&uri("file:///a/org.JSON"), "plaintext"));
        assert!(is_payload(&uri("file:///a/main.tf"), "terraform"));
        assert!(is_terraform(&uri("file:///a/main.tf"), "terraform"));
        assert!(is_terraform(&uri("file:///a/main.tf.json"), "json"));
        assert!(is_terraform(&uri("untitled:Untitled-2"), "terraform"));
        assert!(!is_payload(
            &uri("file:///a/terraform.tfvars"),
            "terraform-vars"
        ));
        assert!(!is_payload(&uri("file:///a/prod.tfvars.json"), "json"));
        assert!(!is_terraform(&uri("file:///a/org.json"), "json"));
        assert!(!is_payload(&uri("untitled:Untitled-1"), "plaintext"));
    }

    #[test]
    fn file_uris_name_files_and_others_do_not() {
        assert_eq!(
            file_path(&uri("file:///tmp/a%20b/org.json")),
            Some(PathBuf::from("/tmp/a b/org.json"))
        );
        assert_eq!(file_path(&uri("untitled:Untitled-1")), None);
    }
}
