//! The body a resource sends, written out as JSON for the rules, with a
//! map from every key and value of that JSON back to where the
//! configuration writes it.
//!
//! The rules run on the JSON exactly as on a payload; their findings are
//! then moved into the configuration file: each span to what writes it, a
//! fix's edits to the same edit in the configuration's syntax (or the fix
//! is dropped), and a finding on a value that comes from a variable or
//! local gets a label where that is defined.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::expr::{Expr, ExprValue, Item, KeyForm, Origin, Syntax};
use super::Module;
use crate::diagnostic::{Diagnostic, Edit, Fix, Label};
use crate::json::{self, ValueKind};
use crate::span::Span;

/// The JSON of a body and its map back into the configuration.
#[derive(Debug)]
pub(crate) struct Body {
    pub(crate) json: String,
    /// Whether anything was left out as unknown.
    pub(crate) has_unknown: bool,
    /// In the order written, so by the start of their JSON span.
    nodes: Vec<Node>,
    exact: HashMap<Span, usize>,
    /// The keys of each object of the configuration, and those fixes
    /// rename to so far: a rename onto one of them would repeat an
    /// attribute, which HCL refuses.
    renamed_to: RefCell<HashSet<(Option<usize>, String)>>,
}

#[derive(Debug)]
struct Node {
    json: Span,
    config: Span,
    parent: Option<usize>,
    kind: NodeKind,
}

#[derive(Debug)]
enum NodeKind {
    Value {
        literal: Option<Syntax>,
        origin: Option<Rc<Origin>>,
        /// For an object: what its opening brace stands for (the resource
        /// header, a block's name, the `{` of an object).
        open: Option<Span>,
    },
    Key(Option<KeyForm>),
    /// A member, key to value; what removes it from the configuration.
    Member(Option<Span>),
}

impl Body {
    /// The JSON of `fields`, a resource body whose findings on the whole
    /// go to `header`.
    pub(crate) fn write(fields: &[Item], header: Span) -> Body {
        let mut body = Body {
            json: String::new(),
            has_unknown: false,
            nodes: Vec::new(),
            exact: HashMap::new(),
            renamed_to: RefCell::default(),
        };
        body.object(fields, header, Some(header), None, None);
        body.exact = body
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.json, i))
            .collect();
        body
    }

    /// Writes an object of `items`, standing at `config`.
    fn object(
        &mut self,
        items: &[Item],
        config: Span,
        open: Option<Span>,
        origin: Option<Rc<Origin>>,
        parent: Option<usize>,
    ) -> usize {
        let start = self.json.len();
        let me = self.push(
            start,
            config,
            parent,
            NodeKind::Value {
                literal: None,
                origin,
                open,
            },
        );
        self.json.push('{');
        // Every key the configuration's object has, sent or not: a fix may
        // not rename another key onto one of them.
        self.renamed_to
            .get_mut()
            .extend(items.iter().map(|item| (Some(me), item.key.clone())));
        let mut first = true;
        for item in items {
            if !self.sendable(&item.value) {
                continue;
            }
            if !first {
                self.json.push(',');
            }
            first = false;
            let member_start = self.json.len();
            let member = self.push(
                member_start,
                item.whole.unwrap_or(item.key_span),
                Some(me),
                NodeKind::Member(item.removal),
            );
            let key = serde_json::to_string(&item.key).unwrap_or_else(|_| "\"\"".to_string());
            self.push_text(
                &key,
                item.key_span,
                Some(member),
                NodeKind::Key(item.key_form),
            );
            self.json.push(':');
            self.value(&item.value, Some(member));
            self.nodes[member].json = Span::new(member_start, self.json.len());
        }
        self.json.push('}');
        self.nodes[me].json = Span::new(start, self.json.len());
        me
    }

    /// Whether `expr` is sent: `null` is not, and neither is what is
    /// unknown (noted, so that no rule says it is missing).
    fn sendable(&mut self, expr: &Expr) -> bool {
        match &expr.value {
            ExprValue::Null => false,
            ExprValue::Unknown | ExprValue::Reference(_) => {
                self.has_unknown = true;
                false
            }
            // Half a list is not what will be sent.
            ExprValue::List(items) if items.iter().any(Expr::has_unknown) => {
                self.has_unknown = true;
                false
            }
            _ => true,
        }
    }

    fn value(&mut self, expr: &Expr, parent: Option<usize>) {
        let kind = || NodeKind::Value {
            literal: expr.literal,
            origin: expr.origin.clone(),
            open: None,
        };
        match &expr.value {
            ExprValue::Null | ExprValue::Unknown | ExprValue::Reference(_) => {
                self.push_text("null", expr.span, parent, kind());
            }
            ExprValue::Bool(b) => {
                self.push_text(if *b { "true" } else { "false" }, expr.span, parent, kind());
            }
            ExprValue::Number(n) => self.push_text(n, expr.span, parent, kind()),
            ExprValue::String(s) => {
                let text = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string());
                self.push_text(&text, expr.span, parent, kind());
            }
            ExprValue::List(items) => {
                let start = self.json.len();
                let me = self.push(start, expr.span, parent, kind());
                self.json.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.json.push(',');
                    }
                    self.value(item, Some(me));
                }
                self.json.push(']');
                self.nodes[me].json = Span::new(start, self.json.len());
            }
            ExprValue::Object(items) => {
                let open = Span::new(expr.span.start(), expr.span.start() + 1);
                let me = self.object(items, expr.span, Some(open), expr.origin.clone(), parent);
                if let NodeKind::Value { literal, .. } = &mut self.nodes[me].kind {
                    *literal = expr.literal;
                }
            }
        }
    }

    fn push(&mut self, start: usize, config: Span, parent: Option<usize>, kind: NodeKind) -> usize {
        self.nodes.push(Node {
            json: Span::empty(start),
            config,
            parent,
            kind,
        });
        self.nodes.len() - 1
    }

    fn push_text(&mut self, text: &str, config: Span, parent: Option<usize>, kind: NodeKind) {
        let start = self.json.len();
        self.json.push_str(text);
        let me = self.push(start, config, parent, kind);
        self.nodes[me].json = Span::new(start, self.json.len());
    }

    /// The node a JSON span belongs to: the one with exactly that span, or
    /// the innermost that contains it.
    fn node_of(&self, span: Span) -> Option<usize> {
        if let Some(&i) = self.exact.get(&span) {
            return Some(i);
        }
        let after = self
            .nodes
            .partition_point(|n| n.json.start() <= span.start());
        let mut at = after.checked_sub(1)?;
        loop {
            let node = &self.nodes[at];
            if node.json.start() <= span.start() && span.end() <= node.json.end() {
                return Some(at);
            }
            at = node.parent?;
        }
    }

    /// Where the configuration writes what JSON `span` covers.
    fn config_span(&self, span: Span) -> Span {
        let Some(at) = self.node_of(span) else {
            return self.nodes.first().map_or(span, |n| n.config);
        };
        let node = &self.nodes[at];
        match &node.kind {
            // A finding on an object's opening brace: what opens it.
            NodeKind::Value {
                open: Some(open), ..
            } if node.json != span && span.start() == node.json.start() => *open,
            _ => node.config,
        }
    }

    /// The definition a JSON span's value comes from, if it comes from a
    /// variable or local.
    fn origin_of(&self, span: Span) -> Option<Rc<Origin>> {
        let mut at = self.node_of(span);
        while let Some(i) = at {
            if let NodeKind::Value {
                origin: Some(origin),
                ..
            } = &self.nodes[i].kind
            {
                return Some(Rc::clone(origin));
            }
            at = self.nodes[i].parent;
        }
        None
    }

    /// `d`, a finding on the JSON, moved into the configuration `source`,
    /// with a label where a referenced value is defined.
    pub(crate) fn move_finding(&self, d: Diagnostic, source: &str, module: &Module) -> Diagnostic {
        let origin = self.origin_of(d.span());
        let mut moved = d.moved(
            |span| self.config_span(span),
            |fix| self.move_fix(fix, source),
        );
        if let Some(origin) = origin {
            moved = moved.with_secondary_label(origin_label(&origin, module));
        }
        moved
    }

    /// `fix` as edits of the configuration, when each edit has one there.
    fn move_fix(&self, fix: &Fix, source: &str) -> Option<Fix> {
        let edits = fix
            .edits()
            .iter()
            .map(|edit| self.move_edit(edit, source))
            .collect::<Option<Vec<Edit>>>()?;
        Some(match fix.applicability() {
            crate::Applicability::Safe => Fix::safe(fix.message().to_string(), edits),
            crate::Applicability::Unsafe => Fix::needs_review(fix.message().to_string(), edits),
        })
    }

    fn move_edit(&self, edit: &Edit, source: &str) -> Option<Edit> {
        let span = edit.span();
        if let Some(&at) = self.exact.get(&span) {
            let node = &self.nodes[at];
            return match &node.kind {
                NodeKind::Value {
                    literal: Some(literal),
                    origin: None,
                    ..
                } => {
                    let value = json::parse(edit.replacement()).ok()?;
                    let text = match literal {
                        Syntax::Hcl => hcl_literal(&value)?,
                        Syntax::Json => json_literal(&value),
                    };
                    source.get(node.config.range())?;
                    Some(Edit::replace(node.config, text))
                }
                NodeKind::Key(Some(form)) => {
                    let value = json::parse(edit.replacement()).ok()?;
                    let key = value.as_str()?;
                    // The object: the key's member's parent.
                    let object = node.parent.and_then(|member| self.nodes[member].parent);
                    if !self
                        .renamed_to
                        .borrow_mut()
                        .insert((object, key.to_string()))
                    {
                        return None;
                    }
                    let text = match form {
                        KeyForm::Ident if is_identifier(key) => key.to_string(),
                        KeyForm::Ident => return None,
                        KeyForm::Quoted => hcl_string(key),
                        KeyForm::Json => serde_json::to_string(key).ok()?,
                    };
                    Some(Edit::replace(node.config, text))
                }
                _ => None,
            };
        }
        // A removal: a deletion that covers exactly one member.
        if !edit.replacement().is_empty() {
            return None;
        }
        // The nodes that start inside the span: those of the one member.
        let from = self
            .nodes
            .partition_point(|n| n.json.start() < span.start());
        let mut members = self.nodes[from..]
            .iter()
            .take_while(|n| n.json.start() < span.end())
            .filter(|n| matches!(n.kind, NodeKind::Member(_)) && n.json.end() <= span.end());
        let member = members.next()?;
        if members.next().is_some() {
            return None;
        }
        match member.kind {
            NodeKind::Member(Some(removal)) => Some(Edit::delete(removal)),
            _ => None,
        }
    }
}

/// The label at the definition of a referenced value, which may be in
/// another file of the module.
pub(crate) fn origin_label(origin: &Origin, module: &Module) -> Label {
    match origin.file.and_then(|i| module.get(i)) {
        Some((name, text)) => Label::elsewhere(name, text, origin.span, origin.label.clone()),
        None => Label::new(origin.span, origin.label.clone()),
    }
}

/// Whether `text` is an HCL identifier, which may name an attribute.
pub(crate) fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// `value` as an HCL literal: the same value in native syntax.
fn hcl_literal(value: &json::Value<'_>) -> Option<String> {
    Some(match value.kind() {
        ValueKind::Null => "null".to_string(),
        ValueKind::Bool(b) => b.to_string(),
        ValueKind::Number(n) => n.as_str().to_string(),
        ValueKind::String(s) => hcl_string(s),
        ValueKind::Array(items) => {
            let items: Option<Vec<String>> = items.iter().map(hcl_literal).collect();
            format!("[{}]", items?.join(", "))
        }
        ValueKind::Object(members) => {
            let items: Option<Vec<String>> = members
                .iter()
                .map(|m| {
                    let key = m.key().as_str();
                    let key = if is_identifier(key) {
                        key.to_string()
                    } else {
                        hcl_string(key)
                    };
                    Some(format!("{key} = {}", hcl_literal(m.value())?))
                })
                .collect();
            format!("{{ {} }}", items?.join(", "))
        }
    })
}

/// `text` as a quoted HCL string, whose escapes are JSON's less `\/`,
/// `\b` and `\f`, and in which `${` and `%{` start templates.
pub(crate) fn hcl_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `value` as `.tf.json` text, whose strings are templates.
fn json_literal(value: &json::Value<'_>) -> String {
    match value.kind() {
        ValueKind::String(s) => {
            let escaped = s.replace("${", "$${").replace("%{", "%%{");
            serde_json::to_string(&escaped).unwrap_or_default()
        }
        ValueKind::Array(items) => {
            let items: Vec<String> = items.iter().map(json_literal).collect();
            format!("[{}]", items.join(", "))
        }
        ValueKind::Object(members) => {
            let items: Vec<String> = members
                .iter()
                .map(|m| {
                    format!(
                        "{}: {}",
                        serde_json::to_string(m.key().as_str()).unwrap_or_default(),
                        json_literal(m.value())
                    )
                })
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        _ => value.to_serde().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hcl_strings_escape_quotes_controls_and_template_starts() {
        assert_eq!(hcl_string("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
        assert_eq!(hcl_string("${x} %{y} $ %"), r#""$${x} %%{y} $ %""#);
        assert_eq!(hcl_string("\u{7}"), r#""\u0007""#);
    }

    #[test]
    fn literals_are_written_in_each_syntax() {
        let value = json::parse(r#"{"a b": ["x", 1, true, null]}"#).unwrap();
        assert_eq!(
            hcl_literal(&value).unwrap(),
            r#"{ "a b" = ["x", 1, true, null] }"#
        );
        let value = json::parse(r#""${x}""#).unwrap();
        assert_eq!(json_literal(&value), r#""$${x}""#);
    }

    #[test]
    fn identifiers_start_with_a_letter_or_underscore() {
        assert!(is_identifier("text_color"));
        assert!(is_identifier("_x-1"));
        assert!(!is_identifier("1x"));
        assert!(!is_identifier("a b"));
        assert!(!is_identifier(""));
    }
}
