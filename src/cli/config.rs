//! `termlint.toml`: a project's defaults for `termlint check`, in a `[check]` table.
//!
//! ```toml
//! [check]
//! rules   = ["procurement.rules"]   # added to the built-ins, relative to this file
//! select  = ["pricing", "security"]
//! ignore  = ["TL106"]
//! exclude = ["archive/", "*-old.terms"]
//! fail-on = "warning"
//! lang    = "ja"
//! format  = "human"
//! ```
//!
//! Found as `termlint.rules` is: in the working folder or its nearest ancestor, or
//! named with `--config`.  An option given on the command line replaces the file's
//! (a `--select` replaces its `select`, as in ruff); `rules` and `exclude` add to it.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::Format;
use crate::lang::Lang;
use crate::severity::Severity;

/// The file's name, looked for from the working folder up.
pub const FILE_NAME: &str = "termlint.toml";

/// A `termlint.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    check: CheckDefaults,
}

/// The `[check]` table: the same names as `termlint check`'s options.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckDefaults {
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    pub no_builtin: Option<bool>,
    pub format: Option<Format>,
    pub fail_on: Option<Severity>,
    pub lang: Option<Lang>,
    #[serde(default)]
    pub select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    pub show_waived: Option<bool>,
    pub exit_zero: Option<bool>,
}

/// Reads the `[check]` defaults: of `explicit` when given, else of the nearest
/// `termlint.toml` from `dir` up, else none.  Rule files are made relative to the
/// folder the configuration is in.
///
/// # Errors
/// A file that cannot be read or is not a valid configuration, in words for stderr.
pub fn load(explicit: Option<&Path>, dir: Option<&Path>) -> Result<CheckDefaults, String> {
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        None => match dir.and_then(discover) {
            Some(path) => path,
            None => return Ok(CheckDefaults::default()),
        },
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("error: cannot read {}: {e}", path.display()))?;
    let mut defaults = parse(&text).map_err(|e| {
        format!(
            "error: {} is not a valid configuration: {}\n  help: the [check] table takes rules, no-builtin, format, fail-on, lang, select, ignore, exclude, show-waived, exit-zero",
            path.display(),
            e.trim_end()
        )
    })?;
    let base = path.parent().unwrap_or(Path::new(""));
    for file in &mut defaults.rules {
        if file.is_relative() {
            *file = base.join(&*file);
        }
    }
    Ok(defaults)
}

/// The nearest `termlint.toml` from `dir` up.
#[must_use]
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

fn parse(text: &str) -> Result<CheckDefaults, String> {
    toml::from_str::<ConfigFile>(text)
        .map(|file| file.check)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_option_of_the_check_table() {
        let defaults = parse(
            "[check]\nrules = [\"a.rules\"]\nno-builtin = true\nformat = \"json\"\nfail-on = \"warning\"\nlang = \"ja\"\nselect = [\"pricing\"]\nignore = [\"TL106\"]\nexclude = [\"old/\"]\nshow-waived = true\nexit-zero = false\n",
        )
        .unwrap();
        assert_eq!(defaults.rules, [PathBuf::from("a.rules")]);
        assert_eq!(defaults.no_builtin, Some(true));
        assert_eq!(defaults.format, Some(Format::Json));
        assert_eq!(defaults.fail_on, Some(Severity::Warning));
        assert_eq!(defaults.lang, Some(Lang::Ja));
        assert_eq!(defaults.select, ["pricing"]);
        assert_eq!(defaults.ignore, ["TL106"]);
        assert_eq!(defaults.exclude, ["old/"]);
        assert_eq!(defaults.show_waived, Some(true));
        assert_eq!(defaults.exit_zero, Some(false));
    }

    #[test]
    fn an_unknown_option_or_value_is_an_error_with_its_place() {
        let err = parse("[check]\nselec = [\"pricing\"]\n").unwrap_err();
        assert!(err.contains("unknown field `selec`"), "{err}");
        assert!(err.contains("line 2"), "{err}");
        let err = parse("[check]\nfail-on = \"never\"\n").unwrap_err();
        assert!(err.contains("never"), "{err}");
        assert!(parse("").is_ok());
    }
}
