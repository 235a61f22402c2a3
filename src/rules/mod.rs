//! Rules, checks and the registry that maps ids to them.
//!
//! A *rule* is what a user selects, configures and reads about: an id
//! (`family/name`), a default severity and its documentation. A *check* is
//! the code that finds problems for one or more related rules (the footnote
//! check reports every `footnote/*` rule from one analysis of the notes).
//! Checks are pure: they read a [`Document`] and push diagnostics and facts;
//! they never do I/O and never print. A check that needs the whole corpus
//! (repeats across files, conflicting dates) leaves facts in the per-document
//! phase and joins them in [`Check::check_corpus`].

pub mod date;
pub mod figure;
pub mod footnote;
pub mod io;
pub mod repetition;
pub mod style;

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Family, Severity};
use crate::document::Document;
use crate::facts::DocFacts;

/// The type of a rule option, for validating configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    Bool,
    Integer,
    Float,
    String,
    StringList,
}

impl OptionKind {
    pub fn describe(self) -> &'static str {
        match self {
            OptionKind::Bool => "a boolean",
            OptionKind::Integer => "an integer",
            OptionKind::Float => "a number",
            OptionKind::String => "a string",
            OptionKind::StringList => "a list of strings",
        }
    }
}

/// An option a rule reads from `[rules."family/name"]` in the config.
#[derive(Debug, Clone, Copy)]
pub struct OptionSpec {
    pub name: &'static str,
    pub kind: OptionKind,
    pub default: &'static str,
    pub doc: &'static str,
}

/// What users see of a rule: id, family, default severity, documentation.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    pub id: &'static str,
    pub family: Family,
    pub severity: Severity,
    /// One line for `corpuslint rules`.
    pub summary: &'static str,
    /// Markdown with `## What it does`, `## Why is this bad?` and `## Example`,
    /// printed by `corpuslint explain`.
    pub doc: &'static str,
    pub options: &'static [OptionSpec],
    /// Off-by-default rules run only when the config enables them.
    pub default_enabled: bool,
}

/// An option value as configured.
#[derive(Debug, Clone, PartialEq)]
pub enum OptionValue {
    Bool(bool),
    Integer(i64),
    Float(f64),
    String(String),
    StringList(Vec<String>),
}

/// Effective settings the checks read: which rules run, at what severity,
/// with which options.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    disabled: std::collections::BTreeSet<String>,
    severity: BTreeMap<String, Severity>,
    options: BTreeMap<(String, String), OptionValue>,
}

impl Settings {
    pub fn enabled(&self, rule: &str) -> bool {
        !self.disabled.contains(rule)
    }

    pub fn disable(&mut self, rule: &str) {
        self.disabled.insert(rule.to_string());
    }

    pub fn enable(&mut self, rule: &str) {
        self.disabled.remove(rule);
    }

    /// Settings with every off-by-default rule of `registry` disabled.
    pub fn for_registry(registry: &Registry) -> Settings {
        let mut s = Settings::default();
        for r in registry.rules().into_iter().filter(|r| !r.default_enabled) {
            s.disable(r.id);
        }
        s
    }

    pub fn set_severity(&mut self, rule: &str, severity: Severity) {
        self.severity.insert(rule.to_string(), severity);
    }

    pub fn severity(&self, rule: &RuleInfo) -> Severity {
        self.severity.get(rule.id).copied().unwrap_or(rule.severity)
    }

    pub fn severity_override(&self, rule: &str) -> Option<Severity> {
        self.severity.get(rule).copied()
    }

    pub fn set_option(&mut self, rule: &str, name: &str, value: OptionValue) {
        self.options.insert((rule.to_string(), name.to_string()), value);
    }

    pub fn option(&self, rule: &str, name: &str) -> Option<&OptionValue> {
        self.options.get(&(rule.to_string(), name.to_string()))
    }

    pub fn float(&self, rule: &str, name: &str, default: f64) -> f64 {
        match self.option(rule, name) {
            Some(OptionValue::Float(f)) => *f,
            Some(OptionValue::Integer(i)) => *i as f64,
            _ => default,
        }
    }

    pub fn integer(&self, rule: &str, name: &str, default: i64) -> i64 {
        match self.option(rule, name) {
            Some(OptionValue::Integer(i)) => *i,
            _ => default,
        }
    }

    pub fn strings(&self, rule: &str, name: &str) -> &[String] {
        match self.option(rule, name) {
            Some(OptionValue::StringList(v)) => v,
            _ => &[],
        }
    }
}

/// What a check sees besides the document.
pub struct Context<'a> {
    pub settings: &'a Settings,
}

impl Context<'_> {
    pub fn enabled(&self, rule: &str) -> bool {
        self.settings.enabled(rule)
    }
}

/// Code that finds problems for a set of rules.
pub trait Check: Send + Sync {
    /// The rules this check reports.
    fn rules(&self) -> &[RuleInfo];

    /// Per-document phase (runs in parallel): diagnostics and facts.
    fn check(&self, doc: &Document, cx: &Context<'_>, out: &mut Vec<Diagnostic>, facts: &mut DocFacts);

    /// Corpus phase: joins the facts of every document.
    fn check_corpus(&self, _facts: &[DocFacts], _cx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}
}

/// All checks and rules known to a run.
pub struct Registry {
    pub checks: Vec<Box<dyn Check>>,
}

impl Registry {
    /// The built-in checks plus the embedded default rule packs.
    pub fn builtin() -> Registry {
        let packs = style::StyleCheck::default_packs().expect("embedded rule packs are valid (tested)");
        Registry {
            checks: vec![
                Box::new(footnote::FootnoteCheck),
                Box::new(date::DateCheck::default()),
                Box::new(figure::FigureCheck::default()),
                Box::new(repetition::RepetitionCheck::default()),
                Box::new(packs),
            ],
        }
    }

    /// Replaces the date check's calendar (the default plus users' files).
    pub fn set_calendar(&mut self, calendar: date::calendar::Calendar) {
        for check in &mut self.checks {
            if check.rules().first().is_some_and(|r| r.family == Family::Date) {
                *check = Box::new(date::DateCheck::with_calendar(calendar));
                return;
            }
        }
    }

    /// Replaces the figure check's cue lists (the defaults plus users').
    pub fn set_figure_cues(&mut self, cues: figure::Cues) {
        for check in &mut self.checks {
            if check.rules().first().is_some_and(|r| r.family == Family::Figure) {
                *check = Box::new(figure::FigureCheck::with_cues(cues));
                return;
            }
        }
    }

    /// Adds a user rule pack.
    pub fn add(&mut self, check: Box<dyn Check>) {
        self.checks.push(check);
    }

    /// Every rule: engine (io) rules first, then each check's, sorted by id.
    pub fn rules(&self) -> Vec<&RuleInfo> {
        let mut all: Vec<&RuleInfo> = io::RULES.iter().chain(crate::suppress::RULES).collect();
        for check in &self.checks {
            all.extend(check.rules());
        }
        all.sort_by_key(|r| r.id);
        all.dedup_by_key(|r| r.id);
        all
    }

    pub fn rule(&self, id: &str) -> Option<&RuleInfo> {
        // No need to collect and sort all rules to find one.
        io::RULES
            .iter()
            .chain(crate::suppress::RULES)
            .chain(self.checks.iter().flat_map(|c| c.rules()))
            .find(|r| r.id == id)
    }

    /// Whether `selector` names a rule, a family or an id prefix
    /// (`suppression`).
    pub fn matches_selector(&self, selector: &str) -> bool {
        Family::parse(selector).is_some() || self.rules().iter().any(|r| selector_matches(selector, r.id))
    }
}

/// The default severity of `id` among `rules` (warning if absent).
pub fn default_severity(rules: &[RuleInfo], id: &str) -> Severity {
    rules.iter().find(|r| r.id == id).map_or(Severity::Warning, |r| r.severity)
}

/// Whether a rule id is matched by a selector: `all`, the id, its prefix
/// (`suppression` for `suppression/unused`) or its family.
pub fn selector_matches(selector: &str, rule: &str) -> bool {
    selector == "all"
        || selector == rule
        || rule.split('/').next() == Some(selector)
        || Family::of_rule(rule).is_some_and(|f| f.as_str() == selector)
}
