//! Diagnostics: what a rule found, as plain data.
//!
//! A [`Diagnostic`] names its [`Rule`], a severity, a message, the file (a
//! [`FileId`] of the run's [`SourceDb`](crate::source::SourceDb)) and byte
//! spans into it as stored on disk; related places, notes, help and a fix
//! travel with it. Line/column pairs, snippets and fingerprints are not
//! stored: [`Report::resolve`] works them out once, reading each file at most
//! once, when something is about to be rendered or compared with a baseline.

mod report;
mod rule;

use serde::{Deserialize, Serialize};

pub use report::{FixedFinding, Report, Resolved, ResolvedPlace, SNIPPET_CHARS};
pub use rule::{NoOptions, OptionDoc, OptionsSpec, Rule, RuleDef, RuleDoc, RuleMeta, RuleOptions, ShownOption};

use crate::source::FileId;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The rule families of the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Footnote,
    Repetition,
    Date,
    Figure,
    Io,
    Config,
    Style,
}

impl Family {
    pub const ALL: [Family; 7] =
        [Family::Footnote, Family::Repetition, Family::Date, Family::Figure, Family::Io, Family::Config, Family::Style];

    pub const fn as_str(self) -> &'static str {
        match self {
            Family::Footnote => "footnote",
            Family::Repetition => "repetition",
            Family::Date => "date",
            Family::Figure => "figure",
            Family::Io => "io",
            Family::Config => "config",
            Family::Style => "style",
        }
    }

    pub fn parse(s: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The family of a rule id `family/name`; `suppression/*` rules belong to
    /// the config family. Evaluated at compile time for declared rules, so an
    /// id with an unknown family does not compile.
    pub const fn of_id(id: &str) -> Family {
        const fn prefix(id: &[u8], p: &[u8]) -> bool {
            if id.len() <= p.len() || id[p.len()] != b'/' {
                return false;
            }
            let mut i = 0;
            while i < p.len() {
                if id[i] != p[i] {
                    return false;
                }
                i += 1;
            }
            true
        }
        let b = id.as_bytes();
        if prefix(b, b"footnote") {
            Family::Footnote
        } else if prefix(b, b"repetition") {
            Family::Repetition
        } else if prefix(b, b"date") {
            Family::Date
        } else if prefix(b, b"figure") {
            Family::Figure
        } else if prefix(b, b"io") {
            Family::Io
        } else if prefix(b, b"config") || prefix(b, b"suppression") {
            Family::Config
        } else if prefix(b, b"style") {
            Family::Style
        } else {
            panic!("a rule id must start with a known family")
        }
    }

    /// Like [`Family::of_id`], for ids read at run time.
    pub fn of_rule(id: &str) -> Option<Family> {
        match id.split('/').next()? {
            "suppression" => Some(Family::Config),
            prefix => Family::parse(prefix),
        }
    }
}

/// Half-open byte range into the file as stored on disk.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
}

/// Another place that explains a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub file: FileId,
    pub span: Span,
    pub message: String,
}

/// A suggested replacement of a span of the finding's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: Rule,
    pub severity: Severity,
    pub message: String,
    pub file: FileId,
    /// `None` for a finding about the whole file (unreadable, binary,
    /// internal error): it is shown at line 1, column 1.
    pub span: Option<Span>,
    /// The flagged text as a reader sees it, when that differs from the
    /// source (a sentence stitched across a page break, folded white space).
    /// Otherwise the snippet is the source text of the span.
    pub shown: Option<Box<str>>,
    pub related: Vec<Related>,
    pub notes: Vec<String>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A finding at `span` of `file`.
    pub fn new(rule: Rule, severity: Severity, file: FileId, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            file,
            span: Some(span),
            shown: None,
            related: Vec::new(),
            notes: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// A finding about a whole file, or a place whose text is unknown.
    pub fn file_level(rule: Rule, severity: Severity, file: FileId, message: impl Into<String>) -> Diagnostic {
        Diagnostic { span: None, ..Diagnostic::new(rule, severity, file, Span::new(0, 0), message) }
    }

    pub fn family(&self) -> Family {
        self.rule.family()
    }

    /// The start offset used for ordering and suppressions.
    pub fn start(&self) -> usize {
        self.span.map_or(0, |s| s.start)
    }

    fn key(&self) -> (usize, Rule, usize, &str) {
        (self.start(), self.rule, self.span.map_or(0, |s| s.end), &self.message)
    }
}

/// Sorts the diagnostics of one file into the contract's order (start
/// offset, rule, end, message) and drops exact duplicates.
pub fn sort_file_diagnostics(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| a.key().cmp(&b.key()));
    diags.dedup_by(|a, b| a.key() == b.key());
}

/// Stable fingerprint of rule + path + flagged text, independent of offsets.
pub fn fingerprint(rule: &str, path: &str, flagged: &str) -> String {
    let mut h = Fnv::default();
    h.write(rule.as_bytes());
    h.write(&[0]);
    h.write(path.replace('\\', "/").as_bytes());
    h.write(&[0]);
    let mut first = true;
    for word in flagged.split_whitespace() {
        if !first {
            h.write(b" ");
        }
        first = false;
        for c in word.chars().flat_map(char::to_lowercase) {
            let mut buf = [0u8; 4];
            h.write(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    format!("{:016x}", h.finish())
}

/// 64-bit FNV-1a: tiny, stable across platforms and releases, which is all a
/// fingerprint needs (it is not a security boundary).
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub fn finish(self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_case_and_spacing_but_not_rule_or_path() {
        let a = fingerprint("date/impossible", "a.txt", "31  April\n2021");
        assert_eq!(a, fingerprint("date/impossible", "a.txt", "31 april 2021"));
        assert_ne!(a, fingerprint("date/weekday-mismatch", "a.txt", "31 April 2021"));
        assert_ne!(a, fingerprint("date/impossible", "b.txt", "31 April 2021"));
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn severities_order_and_families_parse() {
        assert!(Severity::Error > Severity::Warning && Severity::Warning > Severity::Info);
        assert_eq!(Severity::parse("warning"), Some(Severity::Warning));
        assert_eq!(Family::of_rule("footnote/unused-note"), Some(Family::Footnote));
        assert_eq!(Family::of_rule("nope/x"), None);
        assert_eq!(Family::of_rule("suppression/unused"), Some(Family::Config));
        assert_eq!(Family::of_id("suppression/unused"), Family::Config);
        assert_eq!(Family::of_id("date/x"), Family::Date);
    }
}
