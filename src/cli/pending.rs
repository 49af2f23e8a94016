//! TEMPORARY: stand-ins with the documented signatures of library APIs that
//! land from other branches (`schema`). Removed when
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
