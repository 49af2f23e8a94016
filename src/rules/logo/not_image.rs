//! `logo-url-not-image`: the logo URL's path does not end in an image
//! extension.

use super::parts::Parts;

use super::name;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::support::{shown, StrField};
use crate::rules::Rule;

pub(crate) const LOGO_URL_NOT_IMAGE: Rule = Rule::new(
    "logo-url-not-image",
    Severity::Info,
    "The logo URL's path does not end in an image file extension",
    include_str!("logo_url_not_image.md"),
);

const IMAGE_EXTENSIONS: [&str; 6] = ["png", "jpg", "jpeg", "gif", "svg", "webp"];

pub(super) fn finding(field: StrField<'_>, url: &Parts<'_>) -> Option<Diagnostic> {
    // The path alone: the query and fragment are not part of it.
    let path = url.path;
    // Byte searches: both separators are ASCII.
    let file = path
        .bytes()
        .rposition(|b| b == b'/')
        .map_or(path, |slash| &path[slash + 1..]);
    let extension = file
        .bytes()
        .rposition(|b| b == b'.')
        .map(|dot| &file[dot + 1..]);
    if extension.is_some_and(|ext| IMAGE_EXTENSIONS.iter().any(|i| i.eq_ignore_ascii_case(ext))) {
        return None;
    }
    let ends = match extension {
        Some(ext) if !ext.is_empty() => format!("ends in `.{}`", shown(ext)),
        _ => "has no file extension".to_owned(),
    };
    Some(
        LOGO_URL_NOT_IMAGE
            .at(
                field.span,
                format!(
                    "`{}` path `{}` {ends}, not an image extension",
                    name(),
                    shown(path)
                ),
            )
            .with_label("not an image file name")
            .with_help("check that the URL serves the image itself (png, jpg, jpeg, gif, svg or webp), not a web page"),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::support::only;
    use crate::{Severity, Span};

    const CODE: &str = "logo-url-not-image";

    #[test]
    fn pages_and_extensionless_paths_are_noted() {
        let source =
            r#"{"login_design": {"logo_path": "https://example.com/about.html?logo.png"}}"#;
        let found = only(CODE, source);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.severity(), Severity::Info);
        assert_eq!(d.span(), Span::new(31, 72));
        assert_eq!(
            d.message(),
            "`login_design.logo_path` path `/about.html` ends in `.html`, not an image extension"
        );
        assert_eq!(d.primary().text(), Some("not an image file name"));
        assert_eq!(
            d.help(),
            Some("check that the URL serves the image itself (png, jpg, jpeg, gif, svg or webp), not a web page")
        );
        let bare = only(
            CODE,
            r#"{"login_design": {"logo_path": "https://example.com"}}"#,
        );
        assert_eq!(
            bare[0].message(),
            "`login_design.logo_path` path `/` has no file extension, not an image extension"
        );
    }

    #[test]
    fn image_extensions_in_any_case_pass() {
        for logo in [
            "https://example.com/logo.png",
            "https://example.com/a/b/LOGO.JPG?v=3#top",
            "https://example.com/logo.jpeg",
            "https://example.com/logo.gif",
            "https://example.com/logo.Svg",
            "https://example.com/logo.webp",
        ] {
            let source = format!(r#"{{"login_design": {{"logo_path": "{logo}"}}}}"#);
            assert!(only(CODE, &source).is_empty(), "{logo}");
        }
    }
}
