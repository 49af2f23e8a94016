//! The login page logo, `login_design.logo_path`: a URL browsers load.

mod credentials;
mod insecure;
mod invalid;
mod not_image;
mod private_host;

use super::support::{dotted, str_at};
use super::{Context, Rule};
use crate::json::Value;

pub(crate) const RULES: &[&Rule] = &[
    &invalid::LOGO_URL_INVALID,
    &insecure::LOGO_URL_INSECURE,
    &credentials::LOGO_URL_CREDENTIALS,
    &private_host::LOGO_URL_PRIVATE_HOST,
    &not_image::LOGO_URL_NOT_IMAGE,
];

const PATH: &[&str] = &["login_design", "logo_path"];

pub(crate) fn check(root: &Value<'_>, cx: &mut Context<'_>) {
    let Some(field) = str_at(root, PATH) else {
        return;
    };
    // An empty path names no logo: there is nothing to load or check.
    if field.text.is_empty() {
        return;
    }
    let url = match invalid::parse(field) {
        Ok(url) => url,
        Err(finding) => {
            cx.emit(*finding);
            return;
        }
    };
    let checks = [
        insecure::finding(field, &url),
        credentials::finding(field, &url),
        private_host::finding(field, &url),
        not_image::finding(field, &url),
    ];
    for finding in checks.into_iter().flatten() {
        cx.emit(finding);
    }
}

/// The field's name for messages.
fn name() -> String {
    dotted(PATH)
}
