//! Writing a formatted file without ever leaving it half written.

use std::io::Write as _;
use std::path::Path;

/// Replaces the file at `path` with `text`: written to a temporary file in the same
/// folder, given the old file's permissions, then renamed over it, so a reader (or a
/// crash) sees the old file or the new one, never a mix.
///
/// # Errors
/// When the folder cannot take the temporary file or the rename fails; the file is
/// then as it was.
pub fn replace(path: &Path, text: &str) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let permissions = std::fs::metadata(path)?.permissions();
    let mut temporary = tempfile::Builder::new()
        .prefix(".termlint-fmt-")
        .tempfile_in(folder)?;
    temporary.write_all(text.as_bytes())?;
    temporary.as_file().sync_all()?;
    std::fs::set_permissions(temporary.path(), permissions)?;
    temporary.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes `text` to `path` as [`replace`] does, creating the file first when there is
/// none (empty, with the permissions any new file gets here), so a new file comes to
/// exist whole too.  A `termlint check --write-baseline` file is written this way.
///
/// # Errors
/// When the file cannot be created or replaced.
pub fn create_or_replace(path: &Path, text: &str) -> std::io::Result<()> {
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    replace(path, text)
}
