//! Reading one file: its bytes as UTF-8 text, or the reason it cannot be used, with its line.

use std::fs;
use std::path::Path;

use crate::faq::diagnostic::Diagnostic;

/// Reads a file as UTF-8 text, or records why it cannot be used.
pub(super) fn read_text(
    path: &Path,
    shown: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            diagnostics.push(Diagnostic::error(
                shown,
                None,
                format!("cannot read: {err}"),
            ));
            return None;
        }
    };
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        diagnostics.push(Diagnostic::error(
            shown,
            Some(line),
            "binary file (it holds NUL bytes); expected UTF-8 text",
        ));
        return None;
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let bytes = err.as_bytes();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            diagnostics.push(Diagnostic::error(
                shown,
                Some(line),
                format!(
                    "not UTF-8 (invalid byte 0x{:02x}); save the file as UTF-8",
                    bytes[at]
                ),
            ));
            return None;
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if text.trim().is_empty() {
        diagnostics.push(Diagnostic::warning(shown, None, "empty file; skipped"));
        return None;
    }
    Some(text)
}
