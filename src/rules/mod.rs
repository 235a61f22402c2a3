//! Rules: one file per rule, grouped in families, and what runs them.
//!
//! A *rule* is declared in its own file with [`declare_rule!`](crate::declare_rule)
//! (id, severity, documentation, typed options) and implements its family's
//! rule trait: a `check` over the family's shared analysis of a document, and
//! for rules that look across documents a `check_corpus` over the family's
//! facts. A *family* (footnote, date, figure, repetition, style) computes
//! that analysis once per document, and only when one of its rules is
//! enabled; a disabled rule never runs. Each family lists its rules in one
//! [`family_rules!`] invocation, which is also the registry line.
//!
//! Data flows one way: a [`RuleSet`] (which rules run, at what severity,
//! with which options) and [`RuleData`] (calendars, cue lists, rule packs)
//! build the [`Families`] once; the engine hands each [`Document`] to
//! [`Families::check`], which reports into a [`Sink`] and returns the
//! document's [`DocFacts`]; [`Families::check_corpus`] joins the facts of
//! every document. Rules do no I/O and never print.

pub mod date;
pub mod figure;
pub mod footnote;
pub mod io;
pub mod registry;
pub mod repetition;
mod sink;
pub mod style;
pub mod suppression;

use std::any::Any;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use registry::Registry;
pub use sink::{CorpusSink, Finding, Sink};

use crate::diagnostic::{Diagnostic, Rule, RuleDef, Severity};
use crate::document::Document;
use crate::source::{FileId, SourceDb};
use crate::text::lexicon::Lexicon;

/// Lists a family's rules: declares each rule's module, the family's
/// `RULES`, and an `Enabled` struct holding the options of the enabled ones,
/// whose `run` calls each enabled rule's `check` in order (and `run_corpus`
/// each one's `check_corpus`).
///
/// A family module writes, once:
///
/// ```text
/// family_rules! {
///     trait FootnoteRule(a: &Analysis<'_>);
///     corpus(facts: &[CorpusDoc<'_, Facts>]);
///     undefined_reference::UndefinedReference,
///     unused_note::UnusedNote,
/// }
/// ```
#[macro_export]
macro_rules! family_rules {
    (
        trait $tr:ident($arg:ident : $aty:ty);
        corpus($carg:ident : $caty:ty);
        $( $module:ident :: $rule:ident ),+ $(,)?
    ) => {
        $( mod $module; pub use $module::$rule; )+

        /// The rules of this family, in the order they run.
        pub const RULES: &[$crate::diagnostic::Rule] = &[ $( <$rule as $crate::diagnostic::RuleDef>::RULE ),+ ];

        /// The options of the enabled rules (`None`: disabled).
        #[derive(Debug, Clone, Default)]
        #[allow(dead_code)]
        pub struct Enabled {
            $( pub $module: Option<<$rule as $crate::diagnostic::RuleDef>::Options>, )+
        }

        #[allow(dead_code)]
        impl Enabled {
            pub fn new(set: &$crate::rules::RuleSet) -> Enabled {
                Enabled { $( $module: set.options::<$rule>().cloned(), )+ }
            }

            /// Whether any rule of the family runs.
            pub fn any(&self) -> bool {
                false $( || self.$module.is_some() )+
            }

            /// Runs every enabled rule on the family's analysis.
            pub fn run($arg: $aty, out: &mut $crate::rules::Sink<'_>, enabled: &Enabled) {
                $( if let Some(o) = &enabled.$module { <$rule as $tr>::check($arg, o, out); } )+
            }

            /// Runs every enabled rule's corpus phase.
            pub fn run_corpus($carg: $caty, out: &mut $crate::rules::CorpusSink<'_>, enabled: &Enabled) {
                $( if let Some(o) = &enabled.$module { <$rule as $tr>::check_corpus($carg, o, out); } )+
            }
        }
    };
    // Rules reported by the engine itself (no family analysis).
    ( $( $module:ident :: $rule:ident ),+ $(,)? ) => {
        $( mod $module; pub use $module::$rule; )+

        /// The rules of this family.
        pub const RULES: &[$crate::diagnostic::Rule] = &[ $( <$rule as $crate::diagnostic::RuleDef>::RULE ),+ ];
    };
}

/// One document's facts as the corpus phase sees them.
#[derive(Debug, Clone, Copy)]
pub struct CorpusDoc<'a, F> {
    pub file: FileId,
    pub path: &'a str,
    pub facts: &'a F,
}

/// Which rules run, at what severity, with which options.
#[derive(Clone)]
pub struct RuleSet {
    states: Vec<RuleState>,
    index: HashMap<&'static str, usize>,
    narrowed: bool,
}

#[derive(Clone)]
struct RuleState {
    rule: Rule,
    enabled: bool,
    severity: Severity,
    options: Arc<dyn Any + Send + Sync>,
}

impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.states.iter().map(|s| (s.rule.id(), s.enabled, s.severity))).finish()
    }
}

impl RuleSet {
    /// Every rule of `registry` at its defaults.
    pub fn new(registry: &Registry) -> RuleSet {
        let states: Vec<RuleState> = registry
            .rules()
            .iter()
            .map(|&rule| {
                let spec = rule.options();
                let options = (spec.parse)((spec.defaults)()).expect("default options parse (tested)");
                RuleState { rule, enabled: rule.default_enabled(), severity: rule.default_severity(), options }
            })
            .collect();
        let index = states.iter().enumerate().map(|(i, s)| (s.rule.id(), i)).collect();
        RuleSet { states, index, narrowed: false }
    }

    /// Every known rule, enabled or not.
    pub fn rules(&self) -> impl Iterator<Item = Rule> + '_ {
        self.states.iter().map(|s| s.rule)
    }

    /// The rule with this id.
    pub fn get(&self, id: &str) -> Option<Rule> {
        self.index.get(id).map(|&i| self.states[i].rule)
    }

    fn state(&self, rule: Rule) -> Option<&RuleState> {
        self.index.get(rule.id()).map(|&i| &self.states[i])
    }

    fn state_mut(&mut self, rule: Rule) -> Option<&mut RuleState> {
        self.index.get(rule.id()).map(|&i| &mut self.states[i])
    }

    pub fn enabled(&self, rule: Rule) -> bool {
        self.state(rule).is_some_and(|s| s.enabled)
    }

    /// The severity a finding of `rule` is reported at.
    pub fn severity(&self, rule: Rule) -> Severity {
        self.state(rule).map_or(rule.default_severity(), |s| s.severity)
    }

    pub fn set_enabled(&mut self, rule: Rule, enabled: bool) {
        if let Some(s) = self.state_mut(rule) {
            s.enabled = enabled;
        }
    }

    pub fn set_severity(&mut self, rule: Rule, severity: Severity) {
        if let Some(s) = self.state_mut(rule) {
            s.severity = severity;
        }
    }

    /// Sets a rule's options (as [`OptionsSpec::parse`](crate::diagnostic::OptionsSpec) made them).
    pub fn set_options(&mut self, rule: Rule, options: Arc<dyn Any + Send + Sync>) {
        if let Some(s) = self.state_mut(rule) {
            s.options = options;
        }
    }

    /// The options of rule `R`, or `None` when it does not run.
    pub fn options<R: RuleDef>(&self) -> Option<&R::Options> {
        let s = self.state(R::RULE)?;
        if !s.enabled {
            return None;
        }
        s.options.downcast_ref::<R::Options>()
    }

    /// The options of rule `R` as configured, whether it runs or not (for
    /// options that apply to a whole family).
    pub fn configured_options<R: RuleDef>(&self) -> Option<&R::Options> {
        self.state(R::RULE)?.options.downcast_ref::<R::Options>()
    }

    /// Narrows the set to `select` (every rule when `None`) minus `ignore`.
    /// A rule selected by its id runs even when it is off by default.
    pub fn select(&mut self, select: Option<&[String]>, ignore: &[String]) {
        for s in &mut self.states {
            let selected = select.is_none_or(|sel| sel.iter().any(|x| s.rule.matches(x)));
            if !selected || ignore.iter().any(|x| s.rule.matches(x)) {
                s.enabled = false;
            } else if select.is_some_and(|sel| sel.iter().any(|x| x == s.rule.id())) {
                s.enabled = true;
            }
        }
        self.narrowed |= select.is_some() || !ignore.is_empty();
    }

    /// Whether `--select`/`--ignore` narrowed the set: then a suppression of
    /// every rule cannot be known to be unused.
    pub fn narrowed(&self) -> bool {
        self.narrowed
    }

    /// Whether `selector` names a family, a rule or an id prefix.
    pub fn knows_selector(&self, selector: &str) -> bool {
        crate::diagnostic::Family::parse(selector).is_some() || self.rules().any(|r| r.matches(selector))
    }

    /// Whether every rule `selector` names runs.
    pub fn all_enabled(&self, selector: &str) -> bool {
        self.states.iter().filter(|s| s.rule.matches(selector)).all(|s| s.enabled)
    }
}

/// The data rules read besides documents, loaded once.
#[derive(Debug, Clone)]
pub struct RuleData {
    pub calendar: Arc<date::calendar::Calendar>,
    pub cues: Arc<figure::Cues>,
    pub lexicon: Arc<Lexicon>,
}

impl Default for RuleData {
    fn default() -> RuleData {
        RuleData {
            calendar: Arc::new(date::calendar::Calendar::default_calendar()),
            cues: Arc::new(figure::Cues::default_cues()),
            lexicon: Arc::new(Lexicon::builtin().clone()),
        }
    }
}

/// What one document hands to the corpus phase: small, serialisable
/// records (no text), typed per family.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DocFacts {
    pub file: FileId,
    pub repetition: repetition::Facts,
    pub date: date::Facts,
    /// Inline suppressions, applied again to corpus-phase findings.
    pub suppressions: Vec<suppression::Suppression>,
}

/// The families of a run, built for its rule set.
pub struct Families {
    set: RuleSet,
    lexicon: Arc<Lexicon>,
    footnote: Option<footnote::Family>,
    date: Option<date::Family>,
    figure: Option<figure::Family>,
    repetition: Option<repetition::Family>,
    style: Option<style::Family>,
    probe: Option<fn(&Document)>,
}

impl Families {
    pub fn new(set: RuleSet, data: &RuleData, registry: &Registry) -> Families {
        Families {
            footnote: footnote::Family::new(&set),
            date: date::Family::new(&set, data.calendar.clone(), data.lexicon.clone()),
            figure: figure::Family::new(&set, data.cues.clone(), data.lexicon.clone()),
            repetition: repetition::Family::new(&set, data.lexicon.clone()),
            style: style::Family::new(&set, registry.packs()),
            probe: None,
            lexicon: data.lexicon.clone(),
            set,
        }
    }

    /// Runs `probe` on every document as if it were a family, first: tests
    /// use it to show that a panic is contained.
    #[doc(hidden)]
    pub fn with_probe(mut self, probe: fn(&Document)) -> Families {
        self.probe = Some(probe);
        self
    }

    pub fn rule_set(&self) -> &RuleSet {
        &self.set
    }

    /// The word lists documents are parsed with.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The per-document phase: every family with an enabled rule. A panic in
    /// one family becomes `io/internal-error` for this file; the other
    /// families still run.
    pub fn check(&self, doc: &Document, file: FileId) -> (Vec<Diagnostic>, DocFacts) {
        let mut facts = DocFacts { file, ..DocFacts::default() };
        let mut out = Vec::new();
        let contained = |name: &str, out: &mut Vec<Diagnostic>, f: &mut dyn FnMut(&mut Sink<'_>)| {
            let mut local = Vec::new();
            let result = catch_unwind(AssertUnwindSafe(|| {
                let mut sink = Sink::new(doc, file, &self.set, &mut local);
                f(&mut sink);
            }));
            match result {
                Ok(()) => out.extend(local),
                Err(panic) => out.push(internal_error(&self.set, file, name, None, &panic)),
            }
        };
        if let Some(probe) = self.probe {
            contained("probe", &mut out, &mut |_| probe(doc));
        }
        if let Some(f) = &self.footnote {
            contained(f.first_rule(), &mut out, &mut |s| f.check(doc, s));
        }
        if let Some(f) = &self.date {
            contained(f.first_rule(), &mut out, &mut |s| facts.date = f.check(doc, s));
        }
        if let Some(f) = &self.figure {
            contained(f.first_rule(), &mut out, &mut |s| f.check(doc, s));
        }
        if let Some(f) = &self.repetition {
            contained(f.first_rule(), &mut out, &mut |s| facts.repetition = f.check(doc, s));
        }
        if let Some(f) = &self.style {
            contained(f.first_rule(), &mut out, &mut |s| f.check(doc, s));
        }
        (out, facts)
    }

    /// The corpus phase: joins the facts of every document.
    pub fn check_corpus(&self, facts: &[DocFacts], db: &SourceDb) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let contained = |name: &str, out: &mut Vec<Diagnostic>, f: &mut dyn FnMut(&mut CorpusSink<'_>)| {
            let mut local = Vec::new();
            let result = catch_unwind(AssertUnwindSafe(|| {
                let mut sink = CorpusSink::new(&self.set, &mut local);
                f(&mut sink);
            }));
            match result {
                Ok(()) => out.extend(local),
                Err(panic) => out.push(internal_error(&self.set, FileId::NONE, name, Some("corpus phase"), &panic)),
            }
        };
        if let Some(f) = &self.date {
            let docs: Vec<CorpusDoc<'_, date::Facts>> =
                facts.iter().map(|d| CorpusDoc { file: d.file, path: db.path(d.file), facts: &d.date }).collect();
            contained(f.first_rule(), &mut out, &mut |s| f.check_corpus(&docs, s));
        }
        if let Some(f) = &self.repetition {
            let docs: Vec<CorpusDoc<'_, repetition::Facts>> =
                facts.iter().map(|d| CorpusDoc { file: d.file, path: db.path(d.file), facts: &d.repetition }).collect();
            contained(f.first_rule(), &mut out, &mut |s| f.check_corpus(&docs, s));
        }
        out
    }
}

/// `io/internal-error` for a panic in a family.
pub fn internal_error(
    set: &RuleSet,
    file: FileId,
    rule: &str,
    phase: Option<&str>,
    panic: &Box<dyn Any + Send>,
) -> Diagnostic {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    let rule_id = io::InternalError::RULE;
    let what = match phase {
        Some(p) => format!("internal error in rule {rule} ({p}): {message}"),
        None => format!("internal error in rule {rule}: {message}"),
    };
    Diagnostic::file_level(rule_id, set.severity(rule_id), file, what)
}
