//! Inline suppressions.
//!
//! Markdown and HTML: `<!-- corpuslint-disable RULE[, RULE] -->` …
//! `<!-- corpuslint-enable -->`, and `<!-- corpuslint-disable-next-line RULE -->`.
//! Plain text: the same directives on a line of their own starting with
//! `corpuslint:` (`corpuslint: disable-next-line figure/unsupported`).
//! A rule list may name rules or families; an empty list means every rule.
//!
//! Directives become the stored-byte ranges of the whole lines they cover.
//! The engine drops the diagnostics that start inside one, then reports
//! directives that covered nothing ([`Unused`]) and rule ids it does not
//! know ([`UnknownRule`]).

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Family, RuleDef, Span};
use crate::document::{Document, Format};
use crate::rules::RuleSet;
use crate::source::FileId;

crate::family_rules! {
    unused::Unused,
    unknown_rule::UnknownRule,
}

/// One directive and the bytes it covers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Suppression {
    /// Rule ids or families; empty for every rule.
    pub rules: Vec<String>,
    /// Stored bytes of the lines it covers (whole lines).
    pub covers: Span,
    /// Where the directive is written.
    pub directive: Span,
    pub used: bool,
}

enum Kind {
    Disable,
    Enable,
    NextLine,
}

fn parse_directive(body: &str) -> Option<(Kind, Vec<String>)> {
    let body = body.trim();
    let (kind, rest) = if let Some(r) = body.strip_prefix("disable-next-line") {
        (Kind::NextLine, r)
    } else if let Some(r) = body.strip_prefix("disable") {
        (Kind::Disable, r)
    } else if let Some(r) = body.strip_prefix("enable") {
        (Kind::Enable, r)
    } else {
        return None;
    };
    if !(rest.is_empty() || rest.starts_with([' ', '\t', ','])) {
        return None;
    }
    let rules = rest.split([',', ' ', '\t']).map(str::trim).filter(|r| !r.is_empty()).map(str::to_string).collect();
    Some((kind, rules))
}

/// The directives of a document, with the lines they cover.
pub fn directives(doc: &Document) -> Vec<Suppression> {
    let mut found: Vec<(Kind, Vec<String>, std::ops::Range<usize>)> = Vec::new();
    let source = &doc.source;
    match doc.format {
        Format::Markdown | Format::Html => {
            for c in &doc.comments {
                let inner = c.text.trim().trim_start_matches("<!--").trim_end_matches("-->").trim();
                if let Some(body) = inner.strip_prefix("corpuslint-") {
                    if let Some((k, r)) = parse_directive(body) {
                        found.push((k, r, c.src.clone()));
                    }
                }
            }
        }
        Format::Plain => {
            for line in 0..source.line_count() {
                let range = source.line_range(line);
                let text = &source.text()[range.clone()];
                if let Some(body) = text.trim_start().strip_prefix("corpuslint:") {
                    if let Some((k, r)) = parse_directive(body) {
                        found.push((k, r, range));
                    }
                }
            }
        }
    }
    // Lines are 0-based here; a range of lines covers their bytes, line
    // terminators included, up to the start of the line after the last.
    let lines = source.line_count();
    // Through the last line: to the end of everything, so that a finding
    // at the very end of the file is covered too.
    let bytes = |first: usize, last: usize| {
        let start = source.stored_offset(source.line_start(first));
        let end = if last + 1 >= lines { usize::MAX } else { source.stored_offset(source.line_start(last + 1)) };
        Span::new(start, end)
    };
    let mut out: Vec<Suppression> = Vec::new();
    let mut open: Vec<(usize, usize)> = Vec::new(); // (index in out, first line)
    for (kind, rules, src) in found {
        let start = source.floor_boundary(src.start);
        let end = source.ceil_boundary(src.end.max(start));
        let s = source.stored_span(start..end);
        let directive = Span::new(s.start, s.end);
        let line = source.line_of(end);
        match kind {
            Kind::NextLine => {
                // The next line with text.
                let mut next = line + 1;
                while next < lines && source.text()[source.line_range(next)].trim().is_empty() {
                    next += 1;
                }
                out.push(Suppression { rules, covers: bytes(next, next), directive, used: false });
            }
            Kind::Disable => {
                out.push(Suppression { rules, covers: bytes(line, lines), directive, used: false });
                open.push((out.len() - 1, line));
            }
            Kind::Enable => {
                // Close the matching disables (all of them for a bare enable).
                open.retain(|&(i, first)| {
                    let closes = rules.is_empty() || out[i].rules.iter().any(|r| rules.contains(r));
                    if closes {
                        out[i].covers = bytes(first, line);
                    }
                    !closes
                });
            }
        }
    }
    out
}

/// Drops the diagnostics the directives cover, marking those directives used.
pub fn apply(diags: &mut Vec<Diagnostic>, sups: &mut [Suppression]) {
    if sups.is_empty() {
        return;
    }
    diags.retain(|d| {
        let at = d.start();
        let mut suppressed = false;
        for s in sups.iter_mut() {
            let rule_ok = s.rules.is_empty() || s.rules.iter().any(|r| d.rule.matches(r));
            let inside = s.covers.start <= at && at < s.covers.end;
            if rule_ok && inside && d.family() != Family::Config {
                s.used = true;
                suppressed = true;
            }
        }
        !suppressed
    });
}

/// [`Unused`] and [`UnknownRule`] diagnostics for the directives of `file`.
pub fn report(set: &RuleSet, file: FileId, sups: &[Suppression]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let unused = Unused::RULE;
    let unknown = UnknownRule::RULE;
    let at = |rule, s: &Suppression, message: String, help: &str| {
        let mut d = Diagnostic::new(rule, set.severity(rule), file, s.directive, message);
        d.help = Some(help.into());
        d
    };
    for s in sups {
        let unknown_rules: Vec<&String> = s.rules.iter().filter(|r| !set.knows_selector(r)).collect();
        if set.enabled(unknown) {
            for r in &unknown_rules {
                out.push(at(
                    unknown,
                    s,
                    format!("unknown rule or family `{r}` in a suppression"),
                    "see `corpuslint rules` for the ids",
                ));
            }
        }
        // An unused verdict means nothing for rules that did not run.
        let checkable =
            if s.rules.is_empty() { !set.narrowed() } else { s.rules.iter().all(|sel| set.all_enabled(sel)) };
        if set.enabled(unused) && !s.used && unknown_rules.is_empty() && checkable {
            let what = if s.rules.is_empty() { "any rule".to_string() } else { s.rules.join(", ") };
            out.push(at(unused, s, format!("this suppression of {what} suppresses nothing"), "remove it"));
        }
    }
    out
}
