//! Tense: whether a sentence states something about the past. The cues
//! (future words, words that announce the future before "to", past-tense
//! verbs) are the lexicon's.

use crate::text::lexicon::Lexicon;

/// The lowercase words of `text` (letters, digits, apostrophes).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// A statement about the past: a past-tense verb and no future cue.
pub fn is_past(text: &str, lex: &Lexicon) -> bool {
    let mut past = false;
    let mut prev = String::new();
    let raw = text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).filter(|w| !w.is_empty());
    for original in raw {
        // "May" the month is not "may" the modal.
        if original == "May" {
            continue;
        }
        let w = original.to_lowercase();
        if lex.future_cues.contains(&w) || (w == "to" && lex.future_before_to.contains(&prev)) {
            return false;
        }
        if lex.past_verbs.contains(&w) || (w.len() > 4 && w.ends_with("ed")) {
            past = true;
        }
        prev = w;
    }
    past
}
