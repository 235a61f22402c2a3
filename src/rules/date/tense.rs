//! Tense: whether a sentence states something about the past.

pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

const FUTURE: &[&str] = &[
    "will",
    "would",
    "shall",
    "expect",
    "expects",
    "expected",
    "scheduled",
    "hope",
    "hopes",
    "intend",
    "intends",
    "upcoming",
    "forthcoming",
    "proposed",
    "propose",
    "proposes",
    "should",
    "could",
    "may",
    "might",
    "closes",
    "opens",
    "starts",
    "begins",
    "projected",
    "recommend",
    "recommends",
    "expires",
    "until",
    "next",
    "anticipated",
    "intended",
    "envisaged",
];

/// Words that announce the future only before "to" ("plans to", "due to").
const FUTURE_BEFORE_TO: &[&str] =
    &["plan", "plans", "planning", "due", "set", "aim", "aims", "going", "target", "targets"];

const PAST: &[&str] = &[
    "was", "were", "had", "did", "began", "held", "met", "took", "went", "came", "became", "won", "lost", "said",
    "told", "hit", "struck", "rose", "fell", "saw", "gave", "made", "ran", "led", "left", "brought", "found", "spent",
    "sent", "built", "wrote", "spoke", "grew", "paid", "sold", "bought",
];

/// A statement about the past: a past-tense verb and no future cue.
pub fn is_past(text: &str) -> bool {
    let mut past = false;
    let mut prev = String::new();
    let raw = text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).filter(|w| !w.is_empty());
    for original in raw {
        // "May" the month is not "may" the modal.
        if original == "May" {
            continue;
        }
        let w = original.to_lowercase();
        if FUTURE.contains(&w.as_str()) || (w == "to" && FUTURE_BEFORE_TO.contains(&prev.as_str())) {
            return false;
        }
        prev = w.clone();
        if PAST.contains(&w.as_str()) || (w.len() > 4 && w.ends_with("ed")) {
            past = true;
        }
    }
    past
}
