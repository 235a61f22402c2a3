//! Diagnostics: what a check found, as plain data.
//!
//! Checks build a [`Diagnostic`] through [`crate::document::Document::report`],
//! which resolves the span into on-disk byte offsets, line/column pairs and a
//! snippet while the document is still in memory. From then on a diagnostic is
//! self-contained: renderers never need the document again (the text renderer
//! re-reads files only to draw source excerpts).

use serde::{Deserialize, Serialize};

use crate::source::LineCol;

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

    pub fn as_str(self) -> &'static str {
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

    /// The family of a rule id `family/name`.
    /// The family of a rule id `family/name`. Suppression directives'
    /// rules (`suppression/*`) belong to the config family.
    pub fn of_rule(rule: &str) -> Option<Family> {
        match rule.split('/').next()? {
            "suppression" => Some(Family::Config),
            prefix => Family::parse(prefix),
        }
    }
}

/// Half-open byte range into the file as stored on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A resolved place in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub path: String,
    pub span: Span,
    pub start: LineCol,
    pub end: LineCol,
}

/// Another place that explains a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    #[serde(flatten)]
    pub location: Location,
    pub message: String,
}

/// A suggested replacement for the primary span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
    pub message: String,
}

/// One finding. Field order is the JSON contract's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub rule: String,
    pub family: Family,
    pub severity: Severity,
    pub message: String,
    #[serde(flatten)]
    pub location: Location,
    pub snippet: String,
    pub related: Vec<Related>,
    pub notes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
    pub fingerprint: String,
}

impl Diagnostic {
    /// A diagnostic about a whole file or a place whose text is unknown
    /// (unreadable files, internal errors).
    pub fn file_level(rule: &str, severity: Severity, path: &str, message: impl Into<String>) -> Diagnostic {
        let origin = LineCol { line: 1, column: 1 };
        let mut d = Diagnostic {
            rule: rule.to_string(),
            family: Family::of_rule(rule).unwrap_or(Family::Style),
            severity,
            message: message.into(),
            location: Location { path: path.to_string(), span: Span { start: 0, end: 0 }, start: origin, end: origin },
            snippet: String::new(),
            related: Vec::new(),
            notes: Vec::new(),
            help: None,
            fix: None,
            fingerprint: String::new(),
        };
        d.fingerprint = fingerprint(&d.rule, path, &d.message);
        d
    }

    /// The deterministic output order: path, start offset, rule, then the
    /// rest so that ties never depend on thread scheduling.
    pub fn sort_key(&self) -> (&str, usize, &str, usize, &str) {
        (&self.location.path, self.location.span.start, &self.rule, self.location.span.end, &self.message)
    }
}

/// Sorts diagnostics into the contract's order and drops exact duplicates.
pub fn sort_diagnostics(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup_by(|a, b| a.sort_key() == b.sort_key());
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
    fn severities_order_and_parse() {
        assert!(Severity::Error > Severity::Warning && Severity::Warning > Severity::Info);
        assert_eq!(Severity::parse("warning"), Some(Severity::Warning));
        assert_eq!(Family::of_rule("footnote/unused-note"), Some(Family::Footnote));
        assert_eq!(Family::of_rule("nope/x"), None);
        assert_eq!(Family::of_rule("suppression/unused"), Some(Family::Config));
    }
}
