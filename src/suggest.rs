//! "Did you mean …?" — the nearest allowed name to a misspelt one.

/// The candidate closest to `word` by edit distance (transpositions count once), if it
/// is close enough to be a plausible typo: at most one edit in three characters.
#[must_use]
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|&(d, c)| d <= limit && c != word)
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_typos_from_the_spec() {
        let fields = ["certifications", "sites", "staff", "recruiting"];
        assert_eq!(
            closest("certifcations", fields).as_deref(),
            Some("certifications")
        );
        let models = ["outcome", "hybrid", "per_call"];
        assert_eq!(closest("outcom", models).as_deref(), Some("outcome"));
        assert_eq!(closest("zzzzzz", models), None);
    }
}
