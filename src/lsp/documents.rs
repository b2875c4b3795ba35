//! The documents the editor has open: their text as the editor holds it, which may
//! differ from the file on disk.

use std::path::PathBuf;

use lsp_types::Uri;

use super::position::{Encoding, LineMap};
use crate::fmt::Language;

/// One open document.
#[derive(Debug, Clone)]
pub struct Document {
    pub uri: Uri,
    pub text: String,
    pub version: i32,
    pub language: Language,
    /// The file it is, for rule discovery and messages (`None` for an unsaved buffer).
    pub path: Option<PathBuf>,
    pub lines: LineMap,
}

impl Document {
    #[must_use]
    pub fn new(
        uri: Uri,
        text: String,
        version: i32,
        language_id: &str,
        encoding: Encoding,
    ) -> Self {
        let path = path_of(&uri);
        let language = match &path {
            Some(path) if path.extension().is_some_and(|e| e == "rules") => Language::Rules,
            Some(path) if path.extension().is_some_and(|e| e == "terms") => Language::Terms,
            // An untitled buffer: the editor's language id says what it is.
            _ if language_id.contains("rules") => Language::Rules,
            _ => Language::Terms,
        };
        let lines = LineMap::new(&text, encoding);
        Document {
            uri,
            text,
            version,
            language,
            path,
            lines,
        }
    }

    /// Replaces the text (the server asks for full-document sync).
    pub fn change(&mut self, text: String, version: i32, encoding: Encoding) {
        self.lines = LineMap::new(&text, encoding);
        self.text = text;
        self.version = version;
    }

    /// The name findings and rule errors are reported under.
    #[must_use]
    pub fn name(&self) -> String {
        self.path.as_ref().map_or_else(
            || self.uri.as_str().to_string(),
            |p| p.display().to_string(),
        )
    }
}

/// The local path of a `file:` URI, percent-decoded.
#[must_use]
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                decoded.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                i += 3;
            }
            (b'?' | b'#', _, _) => break,
            (b, _, _) => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    let text = String::from_utf8(decoded).ok()?;
    Some(PathBuf::from(text))
}

/// The `file:` URI of a local path, percent-encoded.
#[must_use]
pub fn uri_of(path: &std::path::Path) -> Option<Uri> {
    let path = std::path::absolute(path).ok()?;
    let mut uri = String::from("file://");
    for &b in path.to_str()?.as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_and_paths_convert_both_ways_with_japanese_and_spaces() {
        let path = std::path::Path::new("/tmp/契約 書/a b.terms");
        let uri = uri_of(path).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///tmp/%E5%A5%91%E7%B4%84%20%E6%9B%B8/a%20b.terms"
        );
        assert_eq!(path_of(&uri).as_deref(), Some(path));
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(path_of(&untitled), None);
    }
}
