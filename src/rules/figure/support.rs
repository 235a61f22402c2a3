//! What supports a figure: a note marker, a link, a parenthetical
//! citation, an attribution to a named source (cue lists in
//! `checks/figures.toml`), a citation in the next sentence, or a `Source:`
//! line after the paragraph.

use std::sync::LazyLock;

use regex::Regex;

use super::Cues;
use crate::document::{Document, Sentence};
use crate::text::{contains_phrase, find_phrase};

/// What supports the figures of a sentence.
#[derive(Debug, PartialEq, Eq)]
pub enum Support {
    None,
    Marker,
    Link,
    Citation,
    Attribution,
    Vague(String),
    NextSentence,
    SourceLine,
    /// The writer's own account: "I uploaded 200 packages", "our analysis
    /// counts 70%" (`first-person` in the figure cues).
    FirstPerson,
    /// Inside a quotation the paragraph opened before the sentence: the
    /// words of whoever is quoted.
    Quotation,
    /// The sentence goes on with the source the previous one names ("The
    /// office published its survey. It found …"; `refers-back` cues).
    PreviousSentence,
    /// A paragraph of one sentence (a pull quote, a caption) whose figures
    /// the document stated before.
    Restated,
}

pub static PAREN_CITATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\((?:[A-Z][\w&.'’ -]*?,?\s+)?(?:et al\.,?\s+)?(?:19|20)[0-9]{2}[a-z]?(?:[,:]\s*(?:pp?\.\s*)?[0-9]+(?:[–-][0-9]+)?)?\)").expect("citation regex")
});

/// A reference to an issue, ticket or change in parentheses, maybe after a
/// credit: "(gh-4521)", "(#1463)", "(issue 88)", "(patch by A. Writer,
/// xyz-12345.)".
pub static ISSUE_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\((?:[^()]*[\s,;])?(?:[a-z][a-z0-9]{0,9}-[0-9]{2,}|#[0-9]+|(?:issue|bug|ticket|pr|pull\s+request|change)\s+#?[0-9]+)(?:[,;.]\s*[^()]*)?\)")
        .expect("issue reference regex")
});

/// A parenthetical citation or issue reference.
fn cites(text: &str) -> bool {
    paren_citation(text) || ISSUE_REFERENCE.is_match(text)
}

/// A parenthetical citation, "(Smith 2021)", "(OECD 2021, p. 4)"; not a
/// date in parentheses, "(December 12th, 1996)", "(June 2005)".
fn paren_citation(text: &str) -> bool {
    let months = &crate::text::lexicon::Lexicon::builtin().months;
    PAREN_CITATION.find_iter(text).any(|m| {
        !m.as_str()[1..].split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).any(|w| {
            months.iter().any(|mo| {
                mo.eq_ignore_ascii_case(w) || (w.len() >= 3 && mo.to_lowercase().starts_with(&w.to_lowercase()))
            }) || (w.len() > 2
                && w.starts_with(|c: char| c.is_ascii_digit())
                && w.ends_with(|c: char| c.is_alphabetic()))
        })
    })
}

/// Whether a note marker (any form the document recognised) is attached to
/// the sentence.
pub fn has_marker(doc: &Document, s: &Sentence) -> bool {
    !doc.markers_in(s.prose.clone()).is_empty()
}

pub fn has_link(doc: &Document, s: &Sentence) -> bool {
    doc.links.iter().any(|l| l.prose.start < s.prose.end && s.prose.start < l.prose.end.max(l.prose.start + 1))
}

impl Cues {
    /// Attribution in the sentence: `Some(None)` names a source,
    /// `Some(Some(cue))` is vague, `None` is none.
    pub fn attribution(&self, text: &str) -> Option<Option<String>> {
        let lower = text.to_lowercase();
        for v in &self.vague_phrases {
            if contains_phrase(&lower, v) {
                return Some(Some(v.clone()));
            }
        }
        let words: Vec<&str> = text.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect();
        let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        let mut vague: Option<String> = None;
        // "according to X": vague when X's head is a vague subject.
        for phrase in &self.phrases {
            let Some(at) = find_phrase(&lower, phrase) else { continue };
            let object: Vec<&str> = lower[at + phrase.len()..]
                .split([',', ';', ':', '.', '(', ')'])
                .next()
                .unwrap_or("")
                .split_whitespace()
                .take(6)
                .collect();
            let original_object: Vec<&str> = text[at + phrase.len()..]
                .split([',', ';', ':', '(', ')'])
                .next()
                .unwrap_or("")
                .split_whitespace()
                .take(6)
                .collect();
            let head = object.iter().rev().find(|w| w.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '’'));
            let named = original_object
                .iter()
                .skip(if original_object.first().is_some_and(|w| w.eq_ignore_ascii_case("the")) { 1 } else { 0 })
                .any(|w| w.contains(['\'', '’']))
                || object.iter().any(|w| matches!(*w, "the" | "its" | "our" | "their" | "his" | "her" | "we"));
            match head {
                Some(h) if self.vague_subjects.iter().any(|v| v == h) && !named => {
                    vague = Some(format!("{phrase} {}", object.join(" ")));
                }
                Some(_) => return Some(None),
                None => {}
            }
        }
        // "<subject> <verb>": vague when the subject is generic.
        for (i, w) in words.iter().enumerate() {
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            if !self.verbs.iter().any(|v| v.eq_ignore_ascii_case(bare)) || bare.eq_ignore_ascii_case("according") {
                continue;
            }
            let verb = bare.to_lowercase();
            // "an estimated €50 million" is an adjective, not an attribution.
            if i > 0 && matches!(clean(words[i - 1]).as_str(), "a" | "an" | "the" | "some" | "its" | "their") {
                continue;
            }
            let subject: Vec<&str> = words[i.saturating_sub(4)..i].to_vec();
            let Some(head) = subject.last().map(|s| clean(s)) else { continue };
            if self.vague_subjects.contains(&head) {
                let specific = subject.iter().rev().skip(1).any(|w| w.contains(['\'', '’']))
                    || subject.iter().any(|w| clean(w) == "by");
                if !specific {
                    vague.get_or_insert_with(|| {
                        format!("{} {verb}", subject.last().map(|s| clean(s)).unwrap_or_default())
                    });
                    continue;
                }
            }
            // A named subject: a capitalised word other than a sentence start,
            // a possessive, or a source noun ("the survey", "the records").
            let named = subject.iter().enumerate().any(|(k, w)| {
                let first_of_sentence = i - subject.len() + k == 0;
                (w.starts_with(|c: char| c.is_uppercase()) && !first_of_sentence && clean(w) != "i")
                    || w.contains(['\'', '’'])
            }) || subject.iter().any(|w| self.source_nouns.contains(&clean(w)));
            if named {
                return Some(None);
            }
        }
        vague.map(Some)
    }

    /// What supports the figures of sentence `sentences[k]`; `states_figures`
    /// tells whether a following sentence states figures of its own.
    pub fn support(
        &self,
        doc: &Document,
        k: usize,
        sentences: &[usize],
        window: usize,
        states_figures: &dyn Fn(&str) -> bool,
    ) -> Support {
        let s = &doc.sentences[sentences[k]];
        if has_marker(doc, s) {
            return Support::Marker;
        }
        if has_link(doc, s) {
            return Support::Link;
        }
        let text = doc.sentence_text(s);
        if cites(text) {
            return Support::Citation;
        }
        match self.attribution(text) {
            Some(None) => return Support::Attribution,
            Some(Some(cue)) => return Support::Vague(cue),
            None => {}
        }
        if self.first_person(text) {
            return Support::FirstPerson;
        }
        if inside_quotation(doc, s) {
            return Support::Quotation;
        }
        if k > 0 && self.goes_on(text) {
            let prev = &doc.sentences[sentences[k - 1]];
            let prev_text = doc.sentence_text(prev);
            let named = matches!(self.attribution(prev_text), Some(None))
                || has_marker(doc, prev)
                || has_link(doc, prev)
                || cites(prev_text);
            if prev.block == s.block && named {
                return Support::PreviousSentence;
            }
        }
        // A citation on the next sentence(s) of the same block that state no figure themselves.
        for next in sentences.iter().skip(k + 1).take(window).map(|&i| &doc.sentences[i]) {
            if next.block != s.block || states_figures(doc.sentence_text(next)) {
                break;
            }
            let next_text = doc.sentence_text(next).trim();
            // A reference standing alone after the sentence: "… 2
            // installations. (#88)".
            if next_text.starts_with('(') && next_text.trim_end_matches('.').ends_with(')') && cites(next_text) {
                return Support::NextSentence;
            }
            let refers_back = {
                let t = next_text.to_lowercase();
                [
                    "this ",
                    "these ",
                    "that ",
                    "those ",
                    "the figure",
                    "the figures",
                    "the data",
                    "the estimate",
                    "the number",
                    "source",
                    "see ",
                    "data ",
                    "figures ",
                    "both ",
                    "all of this",
                    "such ",
                ]
                .iter()
                .any(|p| t.starts_with(p))
            };
            if refers_back && (has_marker(doc, next) || has_link(doc, next) || cites(next_text)) {
                return Support::NextSentence;
            }
        }
        // "Source: …" right after the paragraph.
        if let Some(next_block) = doc.blocks.get(s.block + 1) {
            let is_last = sentences.get(k + 1).is_none_or(|&n| doc.sentences[n].block != s.block);
            let head = doc.prose[next_block.prose.clone()].trim_start().to_lowercase();
            if is_last && self.source_lines.iter().any(|p| head.starts_with(p.as_str())) {
                return Support::SourceLine;
            }
        }
        Support::None
    }
}

impl Cues {
    /// The sentence goes on with the previous one's source: "It found …",
    /// "The survey also shows …" (`refers-back` and a cue verb), "Another
    /// 20% …" (`continuations`).
    fn goes_on(&self, text: &str) -> bool {
        let t = text.trim_start().to_lowercase();
        let opens =
            |p: &String| t.strip_prefix(p.as_str()).filter(|rest| rest.starts_with(|c: char| !c.is_alphanumeric()));
        if self.continuations.iter().any(|p| opens(p).is_some()) {
            return true;
        }
        self.refers_back.iter().filter_map(opens).any(|rest| {
            rest.split_whitespace()
                .take(3)
                .any(|w| self.verbs.iter().any(|v| v == w.trim_matches(|c: char| !c.is_alphanumeric())))
        })
    }

    /// The sentence speaks in the first person (`first-person` cues, as
    /// written in lower case or capitalised: "US" is no "us"). "I" is a
    /// pronoun before a lower-case word, not after a capitalised one or a
    /// word that numbers ("I uploaded", not "World War I" or "a phase I
    /// trial"), and an account only when no opinion verb follows it ("I
    /// suspect that 62% …" is commentary).
    pub fn first_person(&self, text: &str) -> bool {
        let words: Vec<&str> =
            text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).filter(|w| !w.is_empty()).collect();
        words.iter().enumerate().any(|(i, &w)| {
            let lower = w.to_lowercase();
            if !self.first_person.contains(&lower) {
                return false;
            }
            if lower == "i" {
                let next = words.get(i + 1).copied().unwrap_or("");
                let next_lower = next.starts_with(char::is_lowercase);
                // Anywhere after "I": "I was shocked to learn that 40% …".
                let opinion = words[i + 1..].iter().any(|n| self.opinion_verbs.contains(&n.to_lowercase()));
                // "World War I", "a phase I trial", "grade I listed"; not
                // "Yesterday I sold".
                let numeral = i > 0
                    && (i > 1 && words[i - 1].starts_with(char::is_uppercase)
                        || NUMERAL_BEFORE.contains(&words[i - 1].to_lowercase().as_str()));
                return w == "I" && next_lower && !opinion && !numeral;
            }
            w == lower || w == capitalised(&lower)
        })
    }
}

/// Words after which "I" is a Roman numeral.
const NUMERAL_BEFORE: &[&str] =
    &["phase", "grade", "type", "class", "part", "stage", "level", "category", "book", "volume", "act", "war"];

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// Sentence `s` is inside a double quotation opened earlier in its
/// paragraph (an odd number of straight quotes before it, inch marks
/// aside, or more opening than closing curly ones).
fn inside_quotation(doc: &Document, s: &crate::document::Sentence) -> bool {
    let block = &doc.blocks[s.block];
    let Some(before) = doc.prose.get(block.prose.start..s.prose.start) else { return false };
    // Read left to right: a straight quote after a digit is an inch mark
    // (`a 55" screen`) when none is open, and closes one that is ("the
    // film "Flight 9" was …").
    let mut open_straight = false;
    for (i, _) in before.match_indices('"') {
        if open_straight || !before[..i].ends_with(|c: char| c.is_ascii_digit()) {
            open_straight = !open_straight;
        }
    }
    // German quotes open with „ and close with “.
    let (open, close) = if before.contains('„') {
        (before.matches('„').count(), before.matches('“').count())
    } else {
        (before.matches('“').count(), before.matches('”').count())
    };
    open_straight || open > close
}
