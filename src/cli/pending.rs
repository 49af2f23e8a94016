//! TEMPORARY: stand-ins with the documented signatures of library APIs that
//! land from other branches (`schema`, `values`). Removed when
//! `main` has them.

pub(crate) mod schema {
    pub struct Schema;
    impl Schema {
        pub fn from_json(_: &str) -> Result<Schema, String> {
            Err("schema support is not merged yet".into())
        }
    }
}

pub(crate) trait LinterSchema {
    fn schema(self, schema: schema::Schema) -> Self;
}

impl LinterSchema for ztlint::Linter {
    fn schema(self, _: schema::Schema) -> Self {
        self
    }
}

pub(crate) mod account_id {
    pub fn check(id: &str) -> Result<(), String> {
        if id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            Ok(())
        } else {
            Err(format!(
                "account identifier must be 32 lowercase hex characters, found {}",
                id.chars().count()
            ))
        }
    }
}
