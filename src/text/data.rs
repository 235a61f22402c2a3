//! TOML data files (configuration, rule packs, calendars, lexicons), read
//! with spans so that a mistake is reported at its place in the file.

use std::ops::Range;
use std::path::Path;

use toml::de::DeTable;
use toml::Spanned;

/// A TOML file: its path as shown and its text.
#[derive(Debug, Clone)]
pub struct TomlFile {
    pub path: String,
    pub text: String,
}

/// A mistake at a place in a TOML file.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}: {message}")]
pub struct DataError {
    pub path: String,
    /// The file's text (empty when it could not be read).
    pub text: String,
    pub span: Range<usize>,
    pub message: String,
}

impl TomlFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> TomlFile {
        TomlFile { path: path.into(), text: text.into() }
    }

    pub fn read(path: &Path) -> Result<TomlFile, DataError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(TomlFile::new(path.display().to_string(), text)),
            Err(e) => Err(DataError {
                path: path.display().to_string(),
                text: String::new(),
                span: 0..0,
                message: format!("cannot read {}: {e}", path.display()),
            }),
        }
    }

    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> DataError {
        DataError { path: self.path.clone(), text: self.text.clone(), span, message: message.into() }
    }

    /// Parses with spans kept on every key and value.
    pub fn parse(&self) -> Result<Spanned<DeTable<'_>>, DataError> {
        DeTable::parse(&self.text).map_err(|e| self.error(e.span().unwrap_or(0..0), e.message()))
    }

    /// Deserializes into `T`; a mistake is reported at its span.
    pub fn deserialize<T: serde::de::DeserializeOwned>(&self) -> Result<T, DataError> {
        toml::from_str(&self.text).map_err(|e| self.error(e.span().unwrap_or(0..0), e.message()))
    }
}
