//! The one error type of the core. Messages are written for the page's `status` line: they name the
//! file and byte offset, the setting, or the shapes involved.

/// Everything the core can refuse, with a message a student can act on.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// A data file does not have the expected layout at `offset` (bytes from the start of the
    /// decompressed content).
    #[error("{file}: at byte offset {offset}: expected {expected}, found {found}")]
    Format {
        file: String,
        offset: u64,
        expected: String,
        found: String,
    },
    /// A data file ends before the data its header (or the format) promises.
    #[error("{file}: truncated at byte offset {offset}: the header declares {declared} bytes of data but only {available} are present")]
    Truncated {
        file: String,
        offset: u64,
        declared: u64,
        available: u64,
    },
    /// A setting is outside what the core accepts (NaN, negative, too large, ...).
    #[error("invalid setting `{key}`: {reason}")]
    Config { key: &'static str, reason: String },
    /// Two arrays that must agree in shape do not.
    #[error("shape mismatch: {0}")]
    Shape(String),
    /// An operation needs data or a model that is not there yet.
    #[error("{0}")]
    State(String),
}

/// Result alias used throughout the core.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub(crate) fn format(
        file: &str,
        offset: u64,
        expected: impl Into<String>,
        found: impl Into<String>,
    ) -> Self {
        Error::Format {
            file: file.to_string(),
            offset,
            expected: expected.into(),
            found: found.into(),
        }
    }

    pub(crate) fn config(key: &'static str, reason: impl Into<String>) -> Self {
        Error::Config {
            key,
            reason: reason.into(),
        }
    }
}
