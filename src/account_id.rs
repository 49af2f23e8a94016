//! The account identifier in the request path,
//! `PUT /accounts/{account_id}/access/organizations`.
//!
//! The API schema caps the path parameter at 32 characters, and Cloudflare
//! account identifiers are exactly 32 lowercase hex characters, as in the
//! schema's example `023e105f4ecef8ad9ca31a8372d0c353`.
//!
//! ```
//! use ztlint::account_id;
//!
//! assert!(account_id::check("023e105f4ecef8ad9ca31a8372d0c353").is_ok());
//! let err = account_id::check("023e105f4ecef8ad9ca31a8372d0c35").unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "account identifier must be 32 lowercase hex characters, found 31"
//! );
//! ```

use std::fmt;

/// The length of every account identifier.
const LENGTH: usize = 32;

/// Checks that `id` is an account identifier: exactly 32 lowercase hex
/// characters.
///
/// ```
/// use ztlint::account_id::check;
///
/// assert!(check("023e105f4ecef8ad9ca31a8372d0c353").is_ok());
/// assert_eq!(
///     check("023eG05f4ecef8ad9ca31a8372d0c353").unwrap_err().to_string(),
///     "account identifier contains `G` at position 5"
/// );
/// assert_eq!(
///     check("023E105F4ECEF8AD9CA31A8372D0C353").unwrap_err().to_string(),
///     "account identifier is uppercase: identifiers are lowercase hex"
/// );
/// ```
///
/// # Errors
///
/// An [`Error`] that says what is wrong, checked in this order:
///
/// - the length is not 32 characters: "account identifier must be 32
///   lowercase hex characters, found 31";
/// - a character is not a hex digit (the first one is named, with its
///   1-based position): "account identifier contains `G` at position 5";
/// - hex digits are uppercase: "account identifier is uppercase:
///   identifiers are lowercase hex".
pub fn check(id: &str) -> Result<(), Error> {
    let length = id.chars().count();
    if length != LENGTH {
        return Err(Error(Problem::Length(length)));
    }
    if let Some((i, c)) = id.chars().enumerate().find(|(_, c)| !c.is_ascii_hexdigit()) {
        return Err(Error(Problem::Character {
            character: c,
            position: i + 1,
        }));
    }
    if id.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(Error(Problem::Uppercase));
    }
    Ok(())
}

/// Why a string is not an account identifier. Its `Display` is a message
/// for people; see [`check`] for the cases.
///
/// ```
/// use ztlint::account_id::{check, Error};
///
/// let err: Error = check("023e105f4ecef8ad9ca31a8372d0c35é").unwrap_err();
/// assert_eq!(err.to_string(), "account identifier contains `é` at position 32");
/// // Characters are counted, not bytes.
/// let err = check("023e105f4ecef8ad9ca31a8372d0c3é").unwrap_err();
/// assert_eq!(err.to_string(), "account identifier must be 32 lowercase hex characters, found 31");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(Problem);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Problem {
    Length(usize),
    Character { character: char, position: usize },
    Uppercase,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Problem::Length(found) => write!(
                f,
                "account identifier must be {LENGTH} lowercase hex characters, found {found}"
            ),
            Problem::Character {
                character,
                position,
            } => write!(
                f,
                "account identifier contains `{}` at position {position}",
                character.escape_debug()
            ),
            Problem::Uppercase => {
                f.write_str("account identifier is uppercase: identifiers are lowercase hex")
            }
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    /// What is wrong, without the leading "account identifier": for other
    /// identifiers of the same form, such as a zone's.
    pub(crate) fn problem(&self) -> String {
        let full = self.to_string();
        full.strip_prefix("account identifier ")
            .unwrap_or(&full)
            .to_string()
    }

    /// Whether the only problem is uppercase hex digits.
    pub(crate) fn is_uppercase(&self) -> bool {
        self.0 == Problem::Uppercase
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    fn message(id: &str) -> String {
        check(id).unwrap_err().to_string()
    }

    #[test]
    fn valid_identifiers() {
        assert_eq!(check("023e105f4ecef8ad9ca31a8372d0c353"), Ok(()));
        assert_eq!(check("0123456789abcdef0123456789abcdef"), Ok(()));
    }

    #[test]
    fn lengths_count_characters() {
        let short = "023e105f4ecef8ad9ca31a8372d0c35";
        assert_eq!(
            message(short),
            "account identifier must be 32 lowercase hex characters, found 31"
        );
        assert_eq!(
            message(""),
            "account identifier must be 32 lowercase hex characters, found 0"
        );
        assert_eq!(
            message("023e105f4ecef8ad9ca31a8372d0c3530"),
            "account identifier must be 32 lowercase hex characters, found 33"
        );
        // 32 characters, 33 bytes: the length is right, the `é` is not.
        assert_eq!(
            message("023e105f4ecef8ad9ca31a8372d0c35é"),
            "account identifier contains `é` at position 32"
        );
    }

    #[test]
    fn stray_characters_are_named_with_their_position() {
        assert_eq!(
            message("023eG05f4ecef8ad9ca31a8372d0c353"),
            "account identifier contains `G` at position 5"
        );
        assert_eq!(
            message("023e105f4ecef8ad9ca31a8372d0c35\n"),
            "account identifier contains `\\n` at position 32"
        );
        // A stray character wins over uppercase hex.
        assert_eq!(
            message("023E105F4ECEF8AD9CA31A8372D0C35-"),
            "account identifier contains `-` at position 32"
        );
    }

    #[test]
    fn uppercase_hex_is_its_own_error() {
        assert_eq!(
            message("023e105f4ecef8ad9ca31a8372d0c35A"),
            "account identifier is uppercase: identifiers are lowercase hex"
        );
    }
}
