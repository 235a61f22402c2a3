//! `figure/*`: numerical claims stated without support.
//!
//! Per sentence of running text: find the figures ([`figures`]), then look
//! for their support ([`support`]): a note marker, a link, a parenthetical
//! citation, an attribution to a named source (cue lists in
//! `checks/figures.toml`), or a citation in the next sentence when that one
//! states no figure itself. The rules read that one [`Analysis`].

pub mod figures;
pub mod support;

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;

use figures::{Figure, Patterns};
use support::{has_link, has_marker, Support};

use crate::diagnostic::RuleDef;
use crate::document::{BlockKind, Document, Section, Sentence};
use crate::rules::{CorpusDoc, CorpusSink, RuleSet, Sink};
use crate::text::lexicon::Lexicon;

crate::family_rules! {
    trait FigureRule(a: &Analysis<'_>);
    corpus(docs: &[CorpusDoc<'_, ()>]);
    unsupported::Unsupported,
    vague_attribution::VagueAttribution,
    figure_dense_paragraph::FigureDenseParagraph,
    inconsistent_arithmetic::InconsistentArithmetic,
}

/// A figure rule: a question about the figures of a document and their support.
pub trait FigureRule: RuleDef {
    fn check(a: &Analysis<'_>, options: &Self::Options, out: &mut Sink<'_>);

    fn check_corpus(_docs: &[CorpusDoc<'_, ()>], _options: &Self::Options, _out: &mut CorpusSink<'_>) {}
}

/// The embedded default cue lists.
pub const DEFAULT_CUES: &str = include_str!("../../../checks/figures.toml");

/// Attribution cue lists.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Cues {
    #[serde(default)]
    pub verbs: Vec<String>,
    #[serde(default)]
    pub phrases: Vec<String>,
    #[serde(default)]
    pub vague_subjects: Vec<String>,
    #[serde(default)]
    pub vague_phrases: Vec<String>,
    #[serde(default)]
    pub source_lines: Vec<String>,
    #[serde(default)]
    pub not_claim_cues: Vec<String>,
    #[serde(default)]
    pub first_person: Vec<String>,
    #[serde(default)]
    pub opinion_verbs: Vec<String>,
    #[serde(default)]
    pub share_cues: Vec<String>,
    #[serde(default)]
    pub source_nouns: Vec<String>,
    #[serde(default)]
    pub refers_back: Vec<String>,
    #[serde(default)]
    pub continuations: Vec<String>,
}

impl Cues {
    /// Parses cue files; lists are appended in order.
    pub fn parse(files: &[(&str, &str)]) -> Result<Cues, String> {
        let mut all = Cues::default();
        for (name, text) in files {
            let c: Cues = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
            let pairs = [
                (&mut all.verbs, c.verbs),
                (&mut all.phrases, c.phrases),
                (&mut all.vague_subjects, c.vague_subjects),
                (&mut all.vague_phrases, c.vague_phrases),
                (&mut all.source_lines, c.source_lines),
                (&mut all.not_claim_cues, c.not_claim_cues),
                (&mut all.first_person, c.first_person),
                (&mut all.opinion_verbs, c.opinion_verbs),
                (&mut all.share_cues, c.share_cues),
                (&mut all.source_nouns, c.source_nouns),
                (&mut all.refers_back, c.refers_back),
                (&mut all.continuations, c.continuations),
            ];
            for (list, new) in pairs {
                list.extend(new.into_iter().map(|v| v.to_lowercase()));
            }
        }
        Ok(all)
    }

    /// The condition, target and rule cues as one pattern (whole words,
    /// any case); `None` when there are none.
    pub fn not_claim_pattern(&self) -> Option<regex::Regex> {
        if self.not_claim_cues.is_empty() {
            return None;
        }
        let words = crate::text::lexicon::alternation(self.not_claim_cues.iter().map(String::as_str));
        regex::Regex::new(&format!(r"(?i)(?-u:\b)(?:{words})(?-u:\b)")).ok()
    }

    pub fn default_cues() -> Cues {
        Cues::parse(&[("checks/figures.toml", DEFAULT_CUES)]).expect("the embedded cue lists are valid (tested)")
    }
}

/// A sentence that states figures, with what supports them.
pub struct Claim {
    pub sentence: usize,
    /// In sentence order; never empty.
    pub figures: Vec<Figure>,
    pub support: Support,
}

/// Per paragraph: figures stated, sentences with a citation, and the first
/// figure's source range.
#[derive(Debug, Clone, Default)]
pub struct BlockFigures {
    pub figures: usize,
    pub citations: usize,
    pub first: Option<Range<usize>>,
}

/// What the figure rules ask about one document.
pub struct Analysis<'d> {
    pub doc: &'d Document,
    pub cues: Arc<Cues>,
    pub claims: Vec<Claim>,
    pub blocks: BTreeMap<usize, BlockFigures>,
}

impl Analysis<'_> {
    /// Source range of a figure of a claim.
    pub fn src_of(&self, claim: &Claim, f: &Figure) -> Range<usize> {
        let s = &self.doc.sentences[claim.sentence];
        self.doc.src_range(s.prose.start + f.range.start..s.prose.start + f.range.end)
    }

    /// A figure as read: hard-wrapped lines folded to single spaces.
    pub fn shown(&self, claim: &Claim, f: &Figure) -> String {
        let text = self.doc.sentence_text(&self.doc.sentences[claim.sentence]);
        text[f.range.clone()].split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// In technical documentation (see
/// [`Document::technical`](crate::document::Document::technical)), a
/// figure that is a statistic about the world: an amount of money, a count
/// of people or of a project's reach (`world-nouns`: "95,000 downloads",
/// "350 contributors"), or a percentage or share of them ("25% of users").
/// The rest are the software's own sizes, limits, speeds and parts ("up to
/// 8 GiB", "twice as fast", "14 bug fixes", "60% of the width").
fn about_the_world(text: &str, f: &figures::Figure, lex: &Lexicon) -> bool {
    use figures::Kind;
    let world =
        |w: &str| lex.world_nouns.contains_lower(&w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase());
    match f.kind {
        Kind::Money => true,
        Kind::Count => text[f.range.clone()].split_whitespace().any(world),
        Kind::Percentage | Kind::Proportion => text[f.range.end..].split_whitespace().take(5).any(world),
        Kind::Quantity | Kind::Ratio | Kind::Ranking => false,
    }
}

/// Where the first condition, target or rule cue of `text` ends. Not "if"
/// that asks rather than supposes ("unclear if", "as if", "if anything"),
/// nor "shall" in the first person ("we shall see").
fn first_not_claim(re: &regex::Regex, text: &str) -> Option<usize> {
    re.find_iter(text)
        .find(|m| {
            let cue = m.as_str().to_lowercase();
            let before = crate::text::word_before(text, m.start()).to_lowercase();
            let after = text[m.end()..].trim_start().to_lowercase();
            match cue.as_str() {
                "if" => {
                    !matches!(
                        before.as_str(),
                        "as" | "unclear" | "see" | "ask" | "asked" | "know" | "wonder" | "whether"
                    ) && !["anything", "not ", "any ", "any,", "at all"].iter().any(|w| after.starts_with(w))
                }
                "shall" => !matches!(before.as_str(), "we" | "i"),
                _ => true,
            }
        })
        .map(|m| m.end())
}

/// Text between a cue and a figure that ends the cue's clause: a comma,
/// semicolon, colon or dash, or a word that opens another clause ("but",
/// "and", "that", "which", "after", "because" …: "pledged to protect a
/// service that has lost 12,000 nurses").
fn clause_break(between: &str) -> bool {
    const OPENERS: &[&str] = &[
        "but", "and", "that", "which", "who", "whom", "whose", "after", "since", "because", "while", "when", "where",
        "although", "though", "as",
    ];
    between.contains([',', ';', ':', '—', '–'])
        || between.split_whitespace().any(|w| OPENERS.iter().any(|o| w.eq_ignore_ascii_case(o)))
}

/// A sentence with this many words written like code is code or program
/// output left in the text, not prose.
const CODE_LINE_WORDS: usize = 3;

fn code_words(text: &str) -> usize {
    use crate::text::code::{is_code_word, trim_word};
    text.split_whitespace().filter(|w| is_code_word(trim_word(w))).count()
}

/// A paragraph of one sentence this short that restates figures is a pull
/// quote, a caption or a summary line (a list item is an entry of its own:
/// "built from 25,000 source packages" of two releases are two claims).
const PULL_QUOTE_WORDS: usize = 15;

/// What a figure states, to know it again: its words, and for a bare
/// number with a sign or unit the word it is about ("40% of users" →
/// `40% users`; a count names its noun already).
fn restatement_key(text: &str, f: &Figure) -> String {
    let mut key: Vec<String> = text[f.range.clone()].split_whitespace().map(str::to_lowercase).collect();
    if f.kind != figures::Kind::Count {
        let next = text[f.range.end..]
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .find(|w| !matches!(w.as_str(), "of" | "the" | "a" | "an" | "its" | "their" | "all"));
        key.extend(next);
    }
    key.join(" ")
}

/// Running text of the body: paragraphs and list items.
fn eligible(doc: &Document, s: &Sentence) -> bool {
    let b = &doc.blocks[s.block];
    matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) && b.section == Section::Body
}

/// The figure family, for the enabled rules of a run, with its cue lists.
pub struct Family {
    enabled: Enabled,
    cues: Arc<Cues>,
    lexicon: Arc<Lexicon>,
    patterns: Patterns,
    /// How many following sentences may carry a figure's citation (the
    /// `window` of `figure/unsupported`, which decides support for every rule).
    window: usize,
    /// `not-claim-cues`, compiled once.
    not_claim: Option<regex::Regex>,
}

impl Family {
    pub fn new(set: &RuleSet, cues: Arc<Cues>, lexicon: Arc<Lexicon>) -> Option<Family> {
        let enabled = Enabled::new(set);
        if !enabled.any() {
            return None;
        }
        let window = set.configured_options::<Unsupported>().map_or(1, |o| o.window);
        let patterns = Patterns::new(&lexicon);
        let not_claim = cues.not_claim_pattern();
        Some(Family { enabled, cues, lexicon, patterns, window, not_claim })
    }

    pub fn first_rule(&self) -> &'static str {
        RULES[0].id()
    }

    pub fn check(&self, doc: &Document, out: &mut Sink<'_>) {
        let a = self.analyse(doc);
        Enabled::run(&a, out, &self.enabled);
    }

    fn analyse<'d>(&self, doc: &'d Document) -> Analysis<'d> {
        let sentences: Vec<usize> = (0..doc.sentences.len()).filter(|&i| eligible(doc, &doc.sentences[i])).collect();
        let mut claims = Vec::new();
        let mut blocks: BTreeMap<usize, BlockFigures> = BTreeMap::new();
        let mut stated: std::collections::HashSet<String> = std::collections::HashSet::new();
        for (k, &i) in sentences.iter().enumerate() {
            let s = &doc.sentences[i];
            let text = doc.sentence_text(s);
            if !self.patterns.hint.is_match(text) {
                continue;
            }
            // Output or code pasted as a line of text (`12 frames from
            // host.local: seq_no=0 ttl=64`): its numbers are no claims.
            if code_words(text) >= CODE_LINE_WORDS {
                continue;
            }
            let mut figures = self.patterns.find(text, &self.lexicon, doc.technical());
            if doc.technical() {
                figures.retain(|f| about_the_world(text, f, &self.lexicon));
            }
            // Conditions, targets and rules ("if there were 5 people").
            if let Some(cue) = self.not_claim.as_ref().and_then(|re| first_not_claim(re, text)) {
                figures.retain(|f| f.range.start < cue || clause_break(&text[cue..f.range.start]));
            }
            let entry = blocks.entry(s.block).or_default();
            entry.figures += figures.len();
            if has_marker(doc, s) || has_link(doc, s) {
                entry.citations += 1;
            }
            let Some(first) = figures.first() else { continue };
            entry.first.get_or_insert_with(|| {
                doc.src_range(s.prose.start + first.range.start..s.prose.start + first.range.end)
            });
            // A pull quote, caption or summary line that restates figures
            // the text already gave: the question of their source belongs
            // to the first statement.
            let keys: Vec<String> = figures.iter().map(|f| restatement_key(text, f)).collect();
            let alone = doc.blocks[s.block].kind == BlockKind::Paragraph
                && text.split_whitespace().count() <= PULL_QUOTE_WORDS
                && sentences.iter().filter(|&&j| doc.sentences[j].block == s.block).take(2).count() == 1;
            let restated = alone && keys.iter().all(|k| stated.contains(k));
            stated.extend(keys);
            if restated {
                claims.push(Claim { sentence: i, figures, support: Support::Restated });
                continue;
            }
            let support = self.cues.support(doc, k, &sentences, self.window, &|t| {
                !self.patterns.find(t, &self.lexicon, doc.technical()).is_empty()
            });
            claims.push(Claim { sentence: i, figures, support });
        }
        Analysis { doc, cues: Arc::clone(&self.cues), claims, blocks }
    }
}
