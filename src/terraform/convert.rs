//! Terraform's conversion of a configured value to its attribute's type,
//! which happens before the provider sees it: `is_ui_read_only = "false"`
//! sends `false`, `name = 42` sends `"42"`.
//!
//! The provider's attribute types are the body fields' JSON types, so the
//! field table says what each converts to. A value Terraform cannot convert
//! is left as written: Terraform refuses it, and `wrong-type` says so.

use super::expr::{Expr, ExprValue, Item};
use super::number;
use crate::fields::{self, Field, Kind, Status};

/// Converts each item of a resource body (the top level) by its field.
pub(crate) fn body(items: &mut [Item]) {
    for item in items {
        let path = [item.key.as_str()];
        if let Some(field) = fields::find(&path) {
            value(&mut item.value, field);
        }
    }
}

/// Converts `expr` to a string where Terraform would: the path parameters
/// `account_id` and `zone_id` are string attributes, not body fields.
pub(crate) fn string(expr: &mut Expr) {
    match &expr.value {
        ExprValue::Number(n) => expr.value = ExprValue::String(n.clone()),
        ExprValue::Bool(b) => expr.value = ExprValue::String(b.to_string()),
        _ => {}
    }
}

/// Converts `expr` to `field`'s type, where Terraform would.
fn value(expr: &mut Expr, field: &'static Field) {
    let converted = match (&mut expr.value, field.kind()) {
        (ExprValue::String(s), Kind::Boolean) => to_bool(s),
        (ExprValue::Number(n), Kind::String) => Some(ExprValue::String(n.clone())),
        (ExprValue::Bool(b), Kind::String) => Some(ExprValue::String(b.to_string())),
        (ExprValue::String(s), Kind::Integer) => to_number(s),
        (ExprValue::List(items), Kind::StringArray) => {
            for item in items.iter_mut() {
                if let Some(v) = match &item.value {
                    ExprValue::Number(n) => Some(ExprValue::String(n.clone())),
                    ExprValue::Bool(b) => Some(ExprValue::String(b.to_string())),
                    _ => None,
                } {
                    item.value = v;
                }
            }
            None
        }
        (ExprValue::List(items), Kind::IntegerArray) => {
            for item in items.iter_mut() {
                if let ExprValue::String(s) = &item.value {
                    if let Some(v) = to_number(s) {
                        item.value = v;
                    }
                }
            }
            None
        }
        (ExprValue::Object(items), Kind::Object) => {
            let parent = field.fields_from();
            for item in items.iter_mut() {
                let mut path: Vec<&str> = parent.path().to_vec();
                path.push(&item.key);
                if let Some(child) =
                    fields::find(&path).filter(|f| f.status() != Status::ResponseOnly)
                {
                    value(&mut item.value, child);
                }
            }
            None
        }
        _ => None,
    };
    if let Some(converted) = converted {
        expr.value = converted;
    }
}

/// Terraform takes exactly `"true"` and `"1"`, `"false"` and `"0"` as a
/// bool (checked with Terraform 1.11: `tests/terraform/README.md`).
fn to_bool(text: &str) -> Option<ExprValue> {
    match text {
        "true" | "1" => Some(ExprValue::Bool(true)),
        "false" | "0" => Some(ExprValue::Bool(false)),
        _ => None,
    }
}

/// Terraform reads a string in decimal number syntax as the number: an
/// optional sign (`+5`), digits with an optional point on either side
/// (`.5`, `5.`), an optional exponent. No spaces, hex or `_`; `Inf` passes
/// validation but fails the plan, so it is no number here either.
fn to_number(text: &str) -> Option<ExprValue> {
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    if unsigned.starts_with(['+', '-']) && text.starts_with('+') {
        return None;
    }
    let (sign, digits) = match unsigned.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", unsigned),
    };
    let (mantissa, exponent) = match digits.find(['e', 'E']) {
        Some(at) => (&digits[..at], &digits[at..]),
        None => (digits, ""),
    };
    // `.5` and `5.` are `0.5` and `5`.
    let mantissa = match mantissa.split_once('.') {
        Some(("", frac)) if !frac.is_empty() => format!("0.{frac}"),
        Some((int, "")) if !int.is_empty() => int.to_string(),
        _ => mantissa.to_string(),
    };
    // A negative zero read from a string is `0` (a literal `-0.0` written
    // out as a string keeps its sign: `number::canonical`).
    let n = number::canonical(&format!("{sign}{mantissa}{exponent}"))?;
    Some(ExprValue::Number(if n == "-0" {
        "0".to_string()
    } else {
        n
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;
    use crate::terraform::expr::Syntax;

    fn item(key: &str, value: ExprValue) -> Item {
        Item {
            key: key.to_string(),
            key_span: Span::empty(0),
            key_form: None,
            value: Expr::literal(value, Span::empty(0), Syntax::Hcl),
            whole: None,
            removal: None,
        }
    }

    fn converted(key: &str, value: ExprValue) -> ExprValue {
        let mut items = [item(key, value)];
        body(&mut items);
        let [item] = items;
        item.value.value
    }

    #[test]
    fn strings_become_bools_and_numbers_as_terraform_reads_them() {
        let s = |t: &str| ExprValue::String(t.to_string());
        assert!(matches!(
            converted("is_ui_read_only", s("false")),
            ExprValue::Bool(false)
        ));
        assert!(matches!(
            converted("is_ui_read_only", s("true")),
            ExprValue::Bool(true)
        ));
        assert!(matches!(
            converted("is_ui_read_only", s("True")),
            ExprValue::String(_)
        ));
        assert!(
            matches!(converted("name", ExprValue::Number("42".into())), ExprValue::String(t) if t == "42")
        );
        assert!(
            matches!(converted("name", ExprValue::Bool(true)), ExprValue::String(t) if t == "true")
        );
        // Not a field: left as written.
        assert!(matches!(
            converted("colour", s("false")),
            ExprValue::String(_)
        ));
    }

    #[test]
    fn numbers_are_read_from_strings_as_terraform_reads_them() {
        let read = |t: &str| match to_number(t) {
            Some(ExprValue::Number(n)) => Some(n),
            _ => None,
        };
        for (text, want) in [
            ("256", "256"),
            ("3e2", "300"),
            ("1E3", "1000"),
            ("+5", "5"),
            ("1.50", "1.5"),
            (".5", "0.5"),
            ("5.", "5"),
            ("00384", "384"),
            ("-2", "-2"),
        ] {
            assert_eq!(read(text).as_deref(), Some(want), "{text}");
        }
        for text in [
            "abc", " 384", "384 ", "0x10", "1_000", "", ".", "1e", "NaN", "Inf", "+-1", "++1",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }

    #[test]
    fn nested_fields_and_list_items_convert_by_their_own_type() {
        let object = ExprValue::Object(vec![
            item(
                "ssh_key_size",
                ExprValue::List(vec![
                    Expr::literal(ExprValue::String("256".into()), Span::empty(0), Syntax::Hcl),
                    Expr::literal(ExprValue::String("big".into()), Span::empty(0), Syntax::Hcl),
                ]),
            ),
            item("require_fips_device", ExprValue::String("true".into())),
        ]);
        let ExprValue::Object(items) = converted("mfa_piv_key_requirements", object) else {
            panic!("an object");
        };
        let ExprValue::List(sizes) = &items[0].value.value else {
            panic!("a list");
        };
        assert!(matches!(&sizes[0].value, ExprValue::Number(n) if n == "256"));
        assert!(matches!(&sizes[1].value, ExprValue::String(t) if t == "big"));
        assert!(matches!(items[1].value.value, ExprValue::Bool(true)));
    }
}
