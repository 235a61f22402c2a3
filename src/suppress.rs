//! Inline suppressions.
//!
//! Markdown and HTML: `<!-- corpuslint-disable RULE[, RULE] -->` …
//! `<!-- corpuslint-enable -->`, and `<!-- corpuslint-disable-next-line RULE -->`.
//! Plain text: the same directives on a line of their own starting with
//! `corpuslint:` (`corpuslint: disable-next-line figure/unsupported`).
//! A rule list may name rules or families; an empty list means every rule.
//!
//! Directives become line ranges. The engine drops the diagnostics they
//! cover, then reports directives that covered nothing
//! (`suppression/unused`) and rule ids it does not know
//! (`suppression/unknown-rule`).

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Family, Location, Severity};
use crate::document::{Document, Format};
use crate::rules::{selector_matches, RuleInfo};

pub const UNUSED: &str = "suppression/unused";
pub const UNKNOWN_RULE: &str = "suppression/unknown-rule";

pub static RULES: &[RuleInfo] = &[
    RuleInfo {
        id: UNUSED,
        family: Family::Config,
        severity: Severity::Warning,
        summary: "an inline suppression that suppresses nothing",
        doc: "## What it does\nReports a `corpuslint-disable…` directive that covered no diagnostic, like ruff's \
              unused `noqa`.\n\n## Why is this bad?\nA stale suppression hides the next real problem at that \
              place and misleads readers of the source.\n\n## Example\nTriggers it (nothing to suppress on the \
              next line):\n\n    <!-- corpuslint-disable-next-line figure/unsupported -->\n    The sky is blue.\n\n\
              Does not:\n\n    <!-- corpuslint-disable-next-line figure/unsupported -->\n    Bookings grew by 27 \
              per cent.\n",
        options: &[],
        default_enabled: true,
    },
    RuleInfo {
        id: UNKNOWN_RULE,
        family: Family::Config,
        severity: Severity::Warning,
        summary: "an inline suppression names a rule or family that does not exist",
        doc: "## What it does\nValidates the rule ids and families named in suppression directives.\n\n## Why is \
              this bad?\nA misspelt id suppresses nothing, and the problem it meant to silence is still \
              reported.\n\n## Example\nTriggers it:\n\n    <!-- corpuslint-disable figure/unsuported -->\n\n\
              Does not:\n\n    <!-- corpuslint-disable figure/unsupported -->\n",
        options: &[],
        default_enabled: true,
    },
];

/// One directive, as lines it covers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Suppression {
    /// Rule ids or families; empty for every rule.
    pub rules: Vec<String>,
    pub first_line: u32,
    pub last_line: u32,
    /// Where the directive is written, and its text.
    pub location: Location,
    pub snippet: String,
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
            for line in 0..doc.source.line_count() {
                let range = doc.source.line_range(line);
                let text = &doc.source.text()[range.clone()];
                let trimmed = text.trim_start();
                if let Some(body) = trimmed.strip_prefix("corpuslint:") {
                    if let Some((k, r)) = parse_directive(body) {
                        found.push((k, r, range));
                    }
                }
            }
        }
    }
    let last_line = doc.source.line_count() as u32;
    let mut out: Vec<Suppression> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (kind, rules, src) in found {
        let location = doc.location(src.clone());
        let snippet = doc.source.snippet(src.clone(), 200);
        let line = location.end.line;
        match kind {
            Kind::NextLine => {
                // The next line with text.
                let mut next = line as usize;
                while next < doc.source.line_count() && doc.source.text()[doc.source.line_range(next)].trim().is_empty()
                {
                    next += 1;
                }
                let target = (next + 1) as u32;
                out.push(Suppression { rules, first_line: target, last_line: target, location, snippet, used: false });
            }
            Kind::Disable => {
                out.push(Suppression { rules, first_line: line, last_line, location, snippet, used: false });
                open.push(out.len() - 1);
            }
            Kind::Enable => {
                // Close the matching disables (all of them for a bare enable).
                open.retain(|&i| {
                    let closes = rules.is_empty() || out[i].rules.iter().any(|r| rules.contains(r));
                    if closes {
                        out[i].last_line = line;
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
    diags.retain(|d| {
        let line = d.location.start.line;
        let mut suppressed = false;
        for s in sups.iter_mut() {
            let rule_ok = s.rules.is_empty() || s.rules.iter().any(|r| selector_matches(r, &d.rule));
            if rule_ok && line >= s.first_line && line <= s.last_line && !d.rule.starts_with("suppression/") {
                s.used = true;
                suppressed = true;
            }
        }
        !suppressed
    });
}

/// `suppression/unused` and `suppression/unknown-rule` diagnostics.
/// `checkable` says whether every rule a directive names ran (an unused
/// verdict means nothing for rules that were deselected).
pub fn report(
    sups: &[Suppression],
    known: &dyn Fn(&str) -> bool,
    checkable: &dyn Fn(&Suppression) -> bool,
) -> Vec<Diagnostic> {
    let at = |s: &Suppression, rule: &str, message: String, help: &str| {
        let mut d = Diagnostic::file_level(rule, Severity::Warning, &s.location.path, message);
        d.location = s.location.clone();
        d.snippet = s.snippet.clone();
        d.fingerprint = crate::diagnostic::fingerprint(&d.rule, &d.location.path, &d.snippet);
        d.help = Some(help.into());
        d
    };
    let mut out = Vec::new();
    for s in sups {
        let unknown: Vec<&String> = s.rules.iter().filter(|r| !known(r)).collect();
        for r in &unknown {
            out.push(at(
                s,
                UNKNOWN_RULE,
                format!("unknown rule or family `{r}` in a suppression"),
                "see `corpuslint rules` for the ids",
            ));
        }
        if !s.used && unknown.is_empty() && checkable(s) {
            let what = if s.rules.is_empty() { "any rule".to_string() } else { s.rules.join(", ") };
            out.push(at(s, UNUSED, format!("this suppression of {what} suppresses nothing"), "remove it"));
        }
    }
    out
}
