//! Line breaking for Japanese messages.
//!
//! Japanese has no spaces between words, so a wrapper that breaks at spaces (as
//! miette's does for English) breaks wherever the line is full: 情報セキュ / リティ.
//! This one breaks where a reader expects it: after punctuation (、。）」), at a
//! space, and at a phrase boundary, where a run of hiragana (the particles and
//! endings: が、を、ており) meets the next word.  So a line never breaks inside a
//! word of kanji, katakana or Latin letters, inside a `code span`, or before a
//! character that may not start a line (small kana, ー, closing brackets and
//! punctuation: 行頭禁則), nor before a particle.  A phrase longer than the whole
//! line is cut where the line is full, still never before such a character or a
//! hiragana; a line then runs long rather than start with one.

use unicode_width::UnicodeWidthChar;

/// `text` in lines of at most `width` columns (a kanji is two), where possible.
#[must_use]
pub fn japanese(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    for phrase in phrases(text) {
        let phrase_width = columns(phrase);
        if line_width + phrase_width > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            line_width = 0;
        }
        let phrase = if line.is_empty() {
            phrase.trim_start()
        } else {
            phrase
        };
        if columns(phrase) > width {
            for c in phrase.chars() {
                let w = c.width().unwrap_or(0);
                if line_width + w > width
                    && !line.is_empty()
                    && !no_line_start(c)
                    && !is_hiragana(c)
                {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0;
                }
                line.push(c);
                line_width += w;
            }
        } else {
            line.push_str(phrase);
            line_width += columns(phrase);
        }
    }
    if !line.trim().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

fn columns(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// The text cut at every place a line may break; the pieces join back to `text`.
fn phrases(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_code = false;
    let mut previous: Option<char> = None;
    for (i, c) in text.char_indices() {
        if let Some(p) = previous {
            if !in_code && may_break_between(p, c) {
                out.push(&text[start..i]);
                start = i;
            }
        }
        if c == '`' {
            in_code = !in_code;
        }
        previous = Some(c);
    }
    out.push(&text[start..]);
    out
}

/// Whether a line may break between `before` and `after`: after a space, before a
/// code span, after closing punctuation, before an opening bracket, or where
/// hiragana meets the next word; never before a space or a character that may not
/// start a line, never after an opening bracket.
fn may_break_between(before: char, after: char) -> bool {
    if no_line_start(after) || opens(before) || after == ' ' {
        return false;
    }
    // A particle stays with the bracket or code span before it: （25）を上回る,
    // `notice 90 days` のように.
    if is_hiragana(after) && matches!(before, '）' | '」' | '』' | '】' | '〕' | ')' | ' ') {
        return false;
    }
    before == ' '
        || after == '`'
        || closes(before)
        || opens(after)
        || (is_hiragana(before) && !is_hiragana(after))
}

fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309F}').contains(&c)
}

/// Punctuation after which a line may break.
fn closes(c: char) -> bool {
    matches!(
        c,
        '、' | '。' | '，' | '．' | '）' | '」' | '』' | '】' | '〕' | '！' | '？' | ')'
    )
}

fn opens(c: char) -> bool {
    matches!(c, '（' | '「' | '『' | '【' | '〔' | '(')
}

/// Characters that may not start a line (行頭禁則).
fn no_line_start(c: char) -> bool {
    closes(c)
        || matches!(
            c,
            'ー' | 'ぁ'
                | 'ぃ'
                | 'ぅ'
                | 'ぇ'
                | 'ぉ'
                | 'っ'
                | 'ゃ'
                | 'ゅ'
                | 'ょ'
                | 'ゎ'
                | 'ァ'
                | 'ィ'
                | 'ゥ'
                | 'ェ'
                | 'ォ'
                | 'ッ'
                | 'ャ'
                | 'ュ'
                | 'ョ'
                | 'ヮ'
                | 'ヵ'
                | 'ヶ'
                | '・'
                | '：'
                | '；'
                | '々'
                | '〜'
                | '%'
                | '％'
                | ','
                | '.'
                | ':'
                | ';'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_between_phrases_not_inside_words() {
        let text = "委託先が ISO 27001 などの情報セキュリティの認証を取得しておらず、顧客の個人情報を扱う体制が確認できません";
        let lines = japanese(text, 30);
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        for line in &lines {
            assert!(columns(line) <= 30, "{line}");
            assert!(
                !line.starts_with(|c| no_line_start(c) || is_hiragana(c)),
                "{lines:?}"
            );
        }
        assert!(
            !lines.iter().any(|l| l.ends_with("情報セキュ")),
            "{lines:?}"
        );
    }

    #[test]
    fn a_particle_stays_with_the_bracket_before_it() {
        let text = "配置されるオペレーター数（25）を上回るため、`notice 90 days` のように記載";
        for width in 20..60 {
            for line in japanese(text, width) {
                assert!(!line.starts_with(is_hiragana), "{width}: {line}");
            }
        }
    }

    #[test]
    fn keeps_code_spans_whole() {
        let lines = japanese(
            "`staff` に `turnover 30% / year` 以下とする約束を求めてください",
            24,
        );
        assert!(
            lines.iter().any(|l| l.contains("`turnover 30% / year`")),
            "{lines:?}"
        );
    }

    #[test]
    fn a_phrase_longer_than_the_line_is_cut_where_the_line_is_full() {
        let lines = japanese(&"カ".repeat(30), 10);
        assert!(lines.iter().all(|l| columns(l) <= 10), "{lines:?}");
        assert_eq!(lines.concat(), "カ".repeat(30));
    }

    #[test]
    fn short_text_is_one_line() {
        assert_eq!(japanese("削除してください", 80), ["削除してください"]);
    }
}
