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

/// Where `phrase` first occurs in `haystack` as whole words (no letter or
/// digit touching it on either side). Both are compared as given: lower
/// both for a search in any case.
pub fn find_phrase(haystack: &str, phrase: &str) -> Option<usize> {
    haystack.match_indices(phrase).map(|(i, _)| i).find(|&i| {
        !haystack[..i].chars().next_back().is_some_and(char::is_alphanumeric)
            && !haystack[i + phrase.len()..].chars().next().is_some_and(char::is_alphanumeric)
    })
}

/// `phrase` occurs in `haystack` as whole words.
pub fn contains_phrase(haystack: &str, phrase: &str) -> bool {
    find_phrase(haystack, phrase).is_some()
}

#[cfg(test)]
mod tests {
    #[test]
    fn phrases_are_found_as_whole_words() {
        assert_eq!(super::find_phrase("the remaining rest", "rest"), Some(14));
        assert_eq!(super::find_phrase("arrested", "rest"), None);
        assert!(super::contains_phrase("é last updated on", "last updated"));
        assert!(!super::contains_phrase("lastly updated", "last updated"));
    }

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
