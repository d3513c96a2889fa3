//! Entry ids that stay put: made from what a section says, never from where it stands.

use sha2::{Digest, Sha256};

/// Eight hex digits of the SHA-256 of `text`: short enough to read, stable across builds and platforms.
pub fn short_hash(text: &str) -> String {
    hash(text, 8)
}

fn hash(text: &str, digits: usize) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    hex[..digits.min(hex.len())].to_string()
}
