//! The secret that turns user ids into HMACs: in a 0600 key file beside the database (or in
//! `database.secret`), never in the database itself, so the file alone does not give the ids away.

use std::path::{Path, PathBuf};

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::config::MIN_SECRET_CHARS;

/// The file that holds the key for the database at `database`: the same name with `.key` added.
pub fn key_file(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".key");
    PathBuf::from(name)
}

/// What stands for a user in the votes table: the HMAC-SHA256 of their id, cut to 128 bits.
pub(super) fn user_key(secret: &[u8], user: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(&user.to_le_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A key file's text is the key: 64 hex digits when faqbot writes it, so it can be copied into
/// `database.secret` as it is.
pub(super) fn read_or_create_key(file: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::{ErrorKind, Write};
    match std::fs::read_to_string(file) {
        Ok(text) => return key_from_text(file, &text),
        Err(err) if err.kind() != ErrorKind::NotFound => return Err(err),
        Err(_) => {}
    }
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    let text: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(file) {
        Ok(mut out) => {
            out.write_all(format!("{text}\n").as_bytes())?;
            out.sync_all()?;
            tracing::info!(file = %file.display(), "created the key for user ids");
            Ok(text.into_bytes())
        }
        // Another process started at the same moment and wrote it first: use theirs.
        Err(err) if err.kind() == ErrorKind::AlreadyExists => {
            key_from_text(file, &std::fs::read_to_string(file)?)
        }
        Err(err) => Err(err),
    }
}

/// The key file's key; too short a key would make the HMAC easy to brute-force, an empty one is likely a
/// truncated file.
fn key_from_text(file: &Path, text: &str) -> std::io::Result<Vec<u8>> {
    let key = text.trim();
    if key.chars().count() < MIN_SECRET_CHARS {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("the key is shorter than {MIN_SECRET_CHARS} characters"),
        ));
    }
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(file) {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            tracing::warn!(file = %file.display(), "the key file can be read by others; chmod 600 it");
        }
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(key.as_bytes().to_vec())
}
