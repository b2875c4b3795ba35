//! The language messages are written in (`--lang en|ja`).

use std::str::FromStr;

/// (`clap::ValueEnum` lets `--lang` list the values in `--help` and completions.)
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    /// The default from the environment: Japanese when `LANG` (or `LC_ALL`,
    /// `LC_MESSAGES`, which take precedence as in POSIX) starts with `ja`.
    #[must_use]
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(value) = std::env::var(var) {
                if !value.is_empty() {
                    return Lang::from_locale(&value);
                }
            }
        }
        Lang::En
    }

    /// `ja_JP.UTF-8` → Japanese; anything else → English.
    #[must_use]
    pub fn from_locale(locale: &str) -> Lang {
        if locale.starts_with("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    /// Picks the text for this language.
    #[must_use]
    pub fn pick<T>(self, en: T, ja: T) -> T {
        match self {
            Lang::En => en,
            Lang::Ja => ja,
        }
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "en" => Ok(Lang::En),
            "ja" => Ok(Lang::Ja),
            other => Err(format!(
                "unknown language `{other}` (expected `en` or `ja`)"
            )),
        }
    }
}
