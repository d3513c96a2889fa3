//! Problems found while loading the FAQ, each naming the file and line it comes from.

use std::fmt;

/// How bad a problem is: an error stops the FAQ from loading, a warning is reported and worked around.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worked around (the item is skipped or renamed); `faqbot check` lists it.
    Warning,
    /// The FAQ cannot be trusted until the file is fixed.
    Error,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, as it was named on the command line or found in a folder.
    pub file: String,
    /// The 1-based line, where one is known.
    pub line: Option<usize>,
    /// What is wrong, quoting the bad input, and what was expected.
    pub message: String,
}

impl Diagnostic {
    /// An error in `file` at `line`.
    pub fn error(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line,
            message: message.into(),
        }
    }

    /// A warning in `file` at `line`.
    pub fn warning(
        file: impl Into<String>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, line, message)
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(line) => write!(f, "{}:{line}: {kind}: {}", self.file, self.message),
            None => write!(f, "{}: {kind}: {}", self.file, self.message),
        }
    }
}

/// The 1-based line of byte offset `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Turns a TOML parse error into a diagnostic with its line.
pub fn from_toml(file: &str, text: &str, err: &toml::de::Error) -> Diagnostic {
    let line = err.span().map(|span| line_of(text, span.start));
    let message = err.message().trim().to_string();
    Diagnostic::error(file, line, format!("invalid TOML: {message}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_of_counts_newlines_before_offset() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }

    #[test]
    fn display_names_file_and_line() {
        let d = Diagnostic::error("faq/x.toml", Some(3), "bad");
        assert_eq!(d.to_string(), "faq/x.toml:3: error: bad");
    }
}
