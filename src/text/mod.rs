//! The text layer below every rule: words, their hashes, the word lists as
//! data, and data files with span-accurate errors.
//!
//! Nothing here knows documents or rules: [`tokens`] splits text into
//! normalised words, [`hash`] hashes them, [`lexicon`] holds every word
//! list (stop words, abbreviations, tense cues, currencies, units…) loaded
//! from `checks/`, [`numbers`] reads numbers written in words, [`code`]
//! tells words written like code, [`data`] reads TOML files.

pub mod code;
pub mod data;
pub mod hash;
pub mod lexicon;
pub mod numbers;
pub mod tokens;

/// The word before `at`: the last run of letters, digits and inner dots or
/// apostrophes before it, closing punctuation dropped ("by 2025" → `by`,
/// "(Article 5" → `Article`, "No. 5" → `No`).
pub fn word_before(text: &str, at: usize) -> &str {
    let head = text[..at].trim_end().trim_end_matches(['.', ',', ';', ':']);
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.' || c == '\'' || c == '’')
        .last()
        .map_or(head.len(), |(i, _)| i);
    head[start..].trim_start_matches(['.', '\'', '’'])
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_word_before_a_place() {
        fn at(t: &str) -> &str {
            super::word_before(t, t.len())
        }
        assert_eq!(at("fixed by "), "by");
        assert_eq!(at("see (Article "), "Article");
        assert_eq!(at("it was No. "), "No");
        assert_eq!(at("the U.S. "), "U.S");
        assert_eq!(at("—until "), "until");
        assert_eq!(at(""), "");
    }
}
