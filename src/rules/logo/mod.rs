//! The login page logo, `login_design.logo_path`: a URL browsers load.

use std::borrow::Cow;

mod credentials;
mod insecure;
mod invalid;
mod not_image;
mod parts;
mod private_host;

use parts::Parts;

use super::support::{dotted, set_str_at, StrField};
use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::fields::{self, Format};
use crate::json::Value;
use std::sync::LazyLock;

pub(crate) const RULES: &[&Rule] = &[
    &invalid::LOGO_URL_INVALID,
    &insecure::LOGO_URL_INSECURE,
    &credentials::LOGO_URL_CREDENTIALS,
    &private_host::LOGO_URL_PRIVATE_HOST,
    &not_image::LOGO_URL_NOT_IMAGE,
];

/// The logo URL field, from the field table, which has one.
static PATH: LazyLock<&'static [&'static str]> = LazyLock::new(|| {
    fields::paths_of(Format::LogoUrl)
        .next()
        .unwrap_or(&["login_design", "logo_path"])
});

pub(crate) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    // An empty path names no logo: there is nothing to load or check.
    let Some(field) = set_str_at(root, &PATH) else {
        return;
    };
    let url;
    let parts = match Parts::plain(field.text) {
        Some(parts) => parts,
        None => match invalid::parse(field) {
            Ok(parsed) => {
                url = parsed;
                Parts::of(&url)
            }
            Err(finding) => {
                cx.emit(*finding);
                return;
            }
        },
    };
    let checks: [Check; 4] = [
        insecure::finding,
        credentials::finding,
        private_host::finding,
        not_image::finding,
    ];
    for check in checks {
        if let Some(finding) = check(field, &parts) {
            cx.emit(finding);
        }
    }
}

/// A check of the parsed URL: its finding, if any.
type Check = fn(StrField<'_>, &Parts<'_>) -> Option<Diagnostic>;

/// The field's name for messages.
fn name() -> Cow<'static, str> {
    dotted(&PATH)
}
