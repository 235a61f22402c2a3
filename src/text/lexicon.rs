//! The word lists rules and the sentence splitter read, as data:
//! `checks/words.toml` (stop words, tense cues, abbreviations, section
//! names, number words, figure vocabulary), `checks/currencies.toml` (ISO
//! 4217 codes, symbols, names) and `checks/units.toml` (SI and common
//! units). They are embedded; [`Lexicon::parse`] reads them with any user
//! files (`lexicons = [...]` in `corpuslint.toml`), whose lists are
//! appended.

use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

pub const WORDS: &str = include_str!("../../checks/words.toml");
pub const CURRENCIES: &str = include_str!("../../checks/currencies.toml");
pub const UNITS: &str = include_str!("../../checks/units.toml");

/// A currency: its ISO 4217 code, symbols and English names.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Currency {
    pub code: String,
    /// The code is also an ordinary word or name ("ALL", "PHP"): it does
    /// not make money on its own.
    #[serde(default)]
    pub word: bool,
    #[serde(default)]
    pub symbols: Vec<String>,
    #[serde(default)]
    pub names: Vec<String>,
}

/// A unit of measurement.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub kind: String,
    #[serde(default)]
    pub symbols: Vec<String>,
    #[serde(default)]
    pub names: Vec<String>,
}

/// One file's lists; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    #[serde(default)]
    stopwords: Vec<String>,
    #[serde(default)]
    attribution_verbs: Vec<String>,
    #[serde(default)]
    negations: Vec<String>,
    #[serde(default)]
    credit_cues: Vec<String>,
    #[serde(default)]
    not_negating: Vec<String>,
    #[serde(default)]
    future_cues: Vec<String>,
    #[serde(default)]
    future_before_to: Vec<String>,
    #[serde(default)]
    past_verbs: Vec<String>,
    #[serde(default)]
    generic_words: Vec<String>,
    #[serde(default)]
    titles: Vec<String>,
    #[serde(default)]
    never_final: Vec<String>,
    #[serde(default)]
    before_number: Vec<String>,
    #[serde(default)]
    sentence_starters: Vec<String>,
    #[serde(default)]
    notes_headings: Vec<String>,
    #[serde(default)]
    section_headings: Vec<String>,
    #[serde(default)]
    not_count_nouns: Vec<String>,
    #[serde(default)]
    world_nouns: Vec<String>,
    #[serde(default)]
    function_words: Vec<String>,
    #[serde(default)]
    identifier_before: Vec<String>,
    #[serde(default)]
    identifier_after: Vec<String>,
    #[serde(default)]
    ordinal_nouns: Vec<String>,
    #[serde(default)]
    prepositions: Vec<String>,
    #[serde(default)]
    limit_nouns: Vec<String>,
    #[serde(default)]
    copulas: Vec<String>,
    #[serde(default)]
    stamp_cues: Vec<String>,
    #[serde(default)]
    once_verbs: Vec<String>,
    #[serde(default)]
    slashed_dates: Option<String>,
    #[serde(default)]
    year_before: Vec<String>,
    #[serde(default)]
    not_year_before: Vec<String>,
    #[serde(default)]
    months: Vec<String>,
    #[serde(default)]
    weekdays: Vec<String>,
    #[serde(default)]
    cardinals: Vec<String>,
    #[serde(default)]
    tens: Vec<String>,
    #[serde(default)]
    ordinals: BTreeMap<String, String>,
    #[serde(default)]
    scales: BTreeMap<String, u64>,
    #[serde(default)]
    anniversaries: BTreeMap<String, u64>,
    #[serde(default)]
    currency: Vec<Currency>,
    #[serde(default)]
    unit: Vec<Unit>,
    #[serde(default)]
    short_symbols: Vec<String>,
    #[serde(default)]
    exponent_symbols: Vec<String>,
}

/// A word list: kept in order (short lists are scanned, which is as fast as
/// hashing for a few dozen words) and as a set of lowercase words.
#[derive(Debug, Clone, Default)]
pub struct WordList {
    words: Vec<String>,
    lower: HashSet<String>,
    /// Characters in the longest entry, so that a longer text is refused
    /// without lowercasing it.
    max_chars: usize,
}

impl WordList {
    fn extend(&mut self, words: Vec<String>) {
        for w in words {
            if !self.words.contains(&w) {
                let lower = w.to_lowercase();
                self.max_chars = self.max_chars.max(lower.chars().count());
                self.lower.insert(lower);
                self.words.push(w);
            }
        }
    }

    /// The words as written.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Whether `word` is listed, exactly as written.
    pub fn contains(&self, word: &str) -> bool {
        self.words.iter().any(|w| w == word)
    }

    /// Whether `word` is listed, ignoring ASCII case (no allocation).
    pub fn contains_ignore_ascii_case(&self, word: &str) -> bool {
        self.words.iter().any(|w| w.eq_ignore_ascii_case(word))
    }

    /// Whether a lowercase `word` is listed (any case in the list).
    pub fn contains_lower(&self, word: &str) -> bool {
        self.lower.contains(word)
    }

    /// Whether `text` is listed in any case. Lowercasing never shortens a
    /// text in characters, so a text longer than every entry is refused
    /// before it is lowercased (a paragraph is not a heading).
    pub fn contains_any_case(&self, text: &str) -> bool {
        text.chars().nth(self.max_chars).is_none() && self.lower.contains(&text.to_lowercase())
    }
}

/// Every list, merged from the embedded files and the user's.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub stopwords: WordList,
    pub attribution_verbs: WordList,
    pub negations: WordList,
    pub credit_cues: WordList,
    pub not_negating: WordList,
    pub future_cues: WordList,
    pub future_before_to: WordList,
    pub past_verbs: WordList,
    pub generic_words: WordList,
    pub titles: WordList,
    pub never_final: WordList,
    pub before_number: WordList,
    pub sentence_starters: WordList,
    pub notes_headings: WordList,
    pub section_headings: WordList,
    pub not_count_nouns: WordList,
    /// Who or what a statistic about the world counts (people, users,
    /// downloads): in technical documentation the figures about anything
    /// else are the software's own sizes, limits and parts.
    pub world_nouns: WordList,
    pub function_words: WordList,
    pub identifier_before: WordList,
    /// Words after a number that make it the name of a model ("the 68000
    /// series", "a 747 jet" is a count of one jet: no).
    pub identifier_after: WordList,
    /// Nouns after "a third", "a fifth" that make it an ordinal, not a
    /// share ("a third party", "a third coat").
    pub ordinal_nouns: WordList,
    /// Prepositions: after one, mid-sentence, a capitalised word and a
    /// number are a name ("used on Kestrel 4 installations").
    pub prepositions: WordList,
    /// Nouns after a figure that make it a named goal, limit or rule ("the
    /// 1.5 °C limit", "the 3 percent deficit ceiling"), not a measurement.
    pub limit_nouns: WordList,
    /// Verbs of being: "is 100% organic" is a manner of speaking.
    pub copulas: WordList,
    /// Words before a date that make it a stamp of the copy ("Last updated
    /// on", "Downloaded from … on"), not a claim of the text.
    pub stamp_cues: WordList,
    /// Past verbs of what happens once to a thing ("founded", "born",
    /// "released"): its year alone dates it.
    pub once_verbs: WordList,
    /// How the writing reads an ambiguous slashed date (`03/04/2021`):
    /// `Some(true)` day first, `Some(false)` month first; `None` when only
    /// each document's own dates may tell.
    pub slashed_day_first: Option<bool>,
    pub year_before: WordList,
    pub not_year_before: WordList,
    /// `months[0]` is January, `weekdays[0]` Monday.
    pub months: Vec<String>,
    pub weekdays: Vec<String>,
    /// Number words: `cardinals[n]` is n (from zero), `tens[k]` is 20 + 10k.
    pub cardinals: Vec<String>,
    pub tens: Vec<String>,
    /// Irregular ordinals and the cardinal they stand for (`first` → `one`).
    pub ordinals: BTreeMap<String, String>,
    pub scales: BTreeMap<String, u64>,
    /// Named anniversaries and the years they count (`silver jubilee` 25,
    /// `centenary` 100).
    pub anniversaries: BTreeMap<String, u64>,
    pub currencies: Vec<Currency>,
    pub units: Vec<Unit>,
    /// One-letter unit symbols that do count.
    pub short_symbols: WordList,
    /// Units after which a superscript digit is an exponent.
    pub exponent_symbols: WordList,
}

static BUILTIN: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::parse(&[]).expect("the embedded lexicons are valid (tested)"));

impl Lexicon {
    /// The embedded lists.
    pub fn builtin() -> &'static Lexicon {
        &BUILTIN
    }

    /// The embedded lists followed by `files` (`(name, text)`), appended.
    pub fn parse(files: &[(&str, &str)]) -> Result<Lexicon, String> {
        let mut lex = Lexicon::default();
        let embedded =
            [("checks/words.toml", WORDS), ("checks/currencies.toml", CURRENCIES), ("checks/units.toml", UNITS)];
        for (name, text) in embedded.iter().copied().chain(files.iter().copied()) {
            let f: File = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
            lex.add(f, name)?;
        }
        Ok(lex)
    }

    fn add(&mut self, f: File, name: &str) -> Result<(), String> {
        self.stopwords.extend(f.stopwords);
        self.attribution_verbs.extend(f.attribution_verbs);
        self.negations.extend(f.negations);
        self.credit_cues.extend(f.credit_cues);
        self.not_negating.extend(f.not_negating);
        self.future_cues.extend(f.future_cues);
        self.future_before_to.extend(f.future_before_to);
        self.past_verbs.extend(f.past_verbs);
        self.generic_words.extend(f.generic_words);
        self.titles.extend(f.titles);
        self.never_final.extend(f.never_final);
        self.before_number.extend(f.before_number);
        self.sentence_starters.extend(f.sentence_starters);
        self.notes_headings.extend(f.notes_headings);
        self.section_headings.extend(f.section_headings);
        self.not_count_nouns.extend(f.not_count_nouns);
        self.world_nouns.extend(f.world_nouns);
        self.function_words.extend(f.function_words);
        self.identifier_before.extend(f.identifier_before);
        self.identifier_after.extend(f.identifier_after);
        self.ordinal_nouns.extend(f.ordinal_nouns);
        self.prepositions.extend(f.prepositions);
        self.limit_nouns.extend(f.limit_nouns);
        self.copulas.extend(f.copulas);
        self.stamp_cues.extend(f.stamp_cues);
        self.once_verbs.extend(f.once_verbs);
        match f.slashed_dates.as_deref() {
            None | Some("unknown") => {}
            Some("day-first") => self.slashed_day_first = Some(true),
            Some("month-first") => self.slashed_day_first = Some(false),
            Some(other) => {
                return Err(format!(
                    "{name}: `slashed-dates` is \"day-first\", \"month-first\" or \"unknown\", not {other:?}"
                ))
            }
        }
        self.year_before.extend(f.year_before);
        self.not_year_before.extend(f.not_year_before);
        for (have, new, what) in [(&mut self.months, f.months, "months"), (&mut self.weekdays, f.weekdays, "weekdays")]
        {
            if !new.is_empty() {
                if !have.is_empty() {
                    return Err(format!("{name}: `{what}` are defined once"));
                }
                *have = new;
            }
        }
        if !f.cardinals.is_empty() || !f.tens.is_empty() {
            if !self.cardinals.is_empty() {
                return Err(format!("{name}: number words (`cardinals`, `tens`) are defined once"));
            }
            self.cardinals = f.cardinals;
            self.tens = f.tens;
        }
        self.ordinals.extend(f.ordinals);
        self.scales.extend(f.scales);
        self.anniversaries.extend(f.anniversaries);
        for c in f.currency {
            if self.currencies.iter().any(|x| x.code == c.code) {
                return Err(format!("{name}: currency `{}` is defined twice", c.code));
            }
            if c.code.len() != 3 || !c.code.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(format!("{name}: `{}` is not an ISO 4217 code (three capital letters)", c.code));
            }
            self.currencies.push(c);
        }
        self.units.extend(f.unit);
        self.short_symbols.extend(f.short_symbols);
        self.exponent_symbols.extend(f.exponent_symbols);
        Ok(())
    }

    /// Currency codes that make money on their own ("USD 40").
    pub fn money_codes(&self) -> impl Iterator<Item = &str> {
        self.currencies.iter().filter(|c| !c.word).map(|c| c.code.as_str())
    }

    /// Every currency symbol.
    pub fn currency_symbols(&self) -> impl Iterator<Item = &str> {
        self.currencies.iter().flat_map(|c| c.symbols.iter().map(String::as_str))
    }

    /// Every currency name.
    pub fn currency_names(&self) -> impl Iterator<Item = &str> {
        self.currencies.iter().flat_map(|c| c.names.iter().map(String::as_str))
    }

    /// Unit symbols that count after a number (one-letter ones only when
    /// listed as short symbols).
    pub fn unit_symbols(&self) -> impl Iterator<Item = &str> {
        self.units
            .iter()
            .flat_map(|u| u.symbols.iter().map(String::as_str))
            .filter(|s| s.chars().count() > 1 || self.short_symbols.contains(s))
    }

    /// Every unit name.
    pub fn unit_names(&self) -> impl Iterator<Item = &str> {
        self.units.iter().flat_map(|u| u.names.iter().map(String::as_str))
    }
}

/// An alternation of `words` for a regular expression, longest first (so a
/// word is never cut short by a prefix of it), escaped.
pub fn alternation<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.into_iter().collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicons_are_valid_and_complete() {
        let lex = Lexicon::parse(&[]).unwrap();
        assert!(lex.stopwords.contains("the") && lex.titles.contains("dr"));
        assert_eq!(lex.cardinals.len(), 20);
        assert_eq!((lex.months.len(), lex.weekdays.len()), (12, 7));
        assert_eq!(lex.tens.len(), 8);
        // Every code is unique and three capital letters (checked by parse);
        // the main ones are there, and ordinary words are marked.
        for code in ["USD", "EUR", "GBP", "JPY", "CNY", "INR", "RSD", "CHF"] {
            assert!(lex.money_codes().any(|c| c == code), "{code}");
        }
        for word in ["ALL", "TOP", "PHP", "CAD", "AMD"] {
            assert!(!lex.money_codes().any(|c| c == word), "{word} is a word first");
        }
        assert!(lex.currencies.len() >= 150);
        assert!(lex.unit_symbols().any(|s| s == "km") && lex.unit_symbols().any(|s| s == "m"));
        assert!(!lex.unit_symbols().any(|s| s == "A"), "one-letter symbols only when listed");
        assert!(lex.unit_names().any(|s| s == "hectares"));
        // Lists are sets: no word twice in the embedded files.
        for list in [
            &lex.stopwords,
            &lex.titles,
            &lex.before_number,
            &lex.not_count_nouns,
            &lex.identifier_before,
            &lex.world_nouns,
        ] {
            let mut seen = HashSet::new();
            assert!(list.words().iter().all(|w| seen.insert(w)));
        }
    }

    #[test]
    fn user_lexicons_append_and_are_validated() {
        let lex = Lexicon::parse(&[(
            "ours.toml",
            "titles = [\"sgt-maj\"]\n[[currency]]\ncode = \"XBT\"\nnames = [\"bitcoin\"]\n",
        )])
        .unwrap();
        assert!(lex.titles.contains("sgt-maj") && lex.titles.contains("dr"));
        assert!(lex.currency_names().any(|n| n == "bitcoin"));
        let bad = Lexicon::parse(&[("bad.toml", "[[currency]]\ncode = \"usd\"\n")]).unwrap_err();
        assert!(bad.contains("ISO 4217"), "{bad}");
        let twice = Lexicon::parse(&[("bad.toml", "[[currency]]\ncode = \"EUR\"\n")]).unwrap_err();
        assert!(twice.contains("defined twice"), "{twice}");
        assert!(Lexicon::parse(&[("bad.toml", "stopword = []\n")]).is_err(), "unknown keys are errors");
    }

    #[test]
    fn alternations_put_longer_words_first() {
        assert_eq!(alternation(["m", "mm", "m²", "a.b"]), "a\\.b|m²|mm|m");
    }
}
