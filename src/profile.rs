//! The endpoints that take an organization body, and the error for a name
//! that matches nothing. These are ground-floor types: the field table, the
//! schema, the rules and the front door all build on them, and they import
//! nothing from those.

use std::fmt;

/// Which endpoint the payload is for. The endpoints take different fields.
///
/// ```
/// use ztlint::{Linter, Profile};
///
/// assert_eq!(Profile::default(), Profile::AccountUpdate);
/// assert_eq!("zone-update".parse::<Profile>()?, Profile::ZoneUpdate);
///
/// // `session_duration` is set on the account, not on a zone.
/// let body = r#"{"session_duration": "24h"}"#;
/// assert!(Linter::new().profile(Profile::AccountUpdate).lint(body).is_empty());
/// let diagnostics = Linter::new().profile(Profile::ZoneUpdate).lint(body);
/// assert_eq!(diagnostics[0].code(), "unknown-field");
/// assert_eq!(
///     diagnostics[0].message(),
///     "`session_duration` is not a field of the zone-level endpoint"
/// );
/// # Ok::<(), ztlint::UnknownName>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Profile {
    /// `PUT /accounts/{account_id}/access/organizations`: every field is
    /// optional. The default.
    #[default]
    AccountUpdate,
    /// `PUT /zones/{zone_id}/access/organizations`: only `auth_domain`,
    /// `is_ui_read_only`, `login_design`, `name`,
    /// `ui_read_only_toggle_reason` and `user_seat_expiration_inactive_time`.
    ZoneUpdate,
    /// `POST /accounts/{account_id}/access/organizations`: `name` and
    /// `auth_domain` are required, and `custom_pages` is not accepted.
    Create,
    /// `POST /zones/{zone_id}/access/organizations`: the zone-level fields,
    /// with `name` and `auth_domain` required.
    ZoneCreate,
}

impl Profile {
    /// The profile's name on the command line and in config files:
    /// `account-update`, `zone-update`, `create` or `zone-create`.
    ///
    /// ```
    /// assert_eq!(ztlint::Profile::ZoneCreate.as_str(), "zone-create");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Profile::AccountUpdate => "account-update",
            Profile::ZoneUpdate => "zone-update",
            Profile::Create => "create",
            Profile::ZoneCreate => "zone-create",
        }
    }

    /// The request the profile stands for, e.g.
    /// `PUT /zones/{zone_id}/access/organizations`.
    ///
    /// ```
    /// assert_eq!(
    ///     ztlint::Profile::Create.endpoint(),
    ///     "POST /accounts/{account_id}/access/organizations"
    /// );
    /// ```
    pub const fn endpoint(self) -> &'static str {
        match self {
            Profile::AccountUpdate => "PUT /accounts/{account_id}/access/organizations",
            Profile::ZoneUpdate => "PUT /zones/{zone_id}/access/organizations",
            Profile::Create => "POST /accounts/{account_id}/access/organizations",
            Profile::ZoneCreate => "POST /zones/{zone_id}/access/organizations",
        }
    }

    /// Whether the endpoint is zone-level.
    ///
    /// ```
    /// use ztlint::Profile;
    ///
    /// assert!(Profile::ZoneCreate.is_zone());
    /// assert!(!Profile::Create.is_zone());
    /// ```
    pub const fn is_zone(self) -> bool {
        matches!(self, Profile::ZoneUpdate | Profile::ZoneCreate)
    }

    /// Whether the endpoint creates an organization.
    ///
    /// ```
    /// use ztlint::Profile;
    ///
    /// assert!(Profile::ZoneCreate.is_create());
    /// assert!(!Profile::ZoneUpdate.is_create());
    /// ```
    pub const fn is_create(self) -> bool {
        matches!(self, Profile::Create | Profile::ZoneCreate)
    }

    /// The profile's position in [`Profile::ALL`].
    pub(crate) const fn index(self) -> usize {
        self as usize
    }

    /// Every profile, default first.
    ///
    /// ```
    /// let names: Vec<_> = ztlint::Profile::ALL.iter().map(|p| p.as_str()).collect();
    /// assert_eq!(names, ["account-update", "zone-update", "create", "zone-create"]);
    /// ```
    pub const ALL: [Profile; 4] = [
        Profile::AccountUpdate,
        Profile::ZoneUpdate,
        Profile::Create,
        Profile::ZoneCreate,
    ];
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Profile {
    type Err = UnknownName;

    /// Reads a profile name as [`Profile::as_str`] writes it.
    ///
    /// # Errors
    ///
    /// [`UnknownName`] for any other text.
    fn from_str(s: &str) -> Result<Profile, UnknownName> {
        Profile::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| UnknownName::new("profile", s))
    }
}

/// A rule selector or profile name that matches nothing.
///
/// ```
/// let err = ztlint::Linter::new().ignore("no-such-rule").unwrap_err();
/// assert_eq!(err.to_string(), "unknown rule `no-such-rule`");
/// let err = "zone".parse::<ztlint::Profile>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown profile `zone`");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownName {
    what: &'static str,
    name: String,
}

impl UnknownName {
    pub(crate) fn new(what: &'static str, name: &str) -> UnknownName {
        UnknownName {
            what,
            name: name.to_string(),
        }
    }
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} `{}`", self.what, self.name)
    }
}

impl std::error::Error for UnknownName {}

#[cfg(test)]
mod tests {
    use super::Profile;

    #[test]
    fn names_round_trip_and_index_is_the_position_in_all() {
        for (i, profile) in Profile::ALL.into_iter().enumerate() {
            assert_eq!(profile.as_str().parse::<Profile>(), Ok(profile));
            assert_eq!(profile.index(), i);
        }
    }
}
