//! A configuration that cannot be used, said with the key, the file and line (or the variable), and what
//! is expected.

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file named with `--config` does not exist.
    #[error("configuration file {0} not found")]
    Missing(String),
    /// The file or an environment variable could not be read or parsed.
    #[error("{location}: {message}")]
    Parse {
        /// "config.toml:12" or "config.toml".
        location: String,
        /// What the config crate said.
        message: String,
    },
    /// A value is out of its range.
    #[error("{location}: `{key}` is {value}; expected {expected}")]
    Invalid {
        /// Where it was set.
        location: String,
        /// The dotted key.
        key: String,
        /// The value found.
        value: String,
        /// What is allowed.
        expected: String,
    },
}
