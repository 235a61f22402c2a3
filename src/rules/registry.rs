//! The one ordered list of rules: every family's `RULES`, the engine's
//! `io/*` and `suppression/*` rules, and the rules of the loaded style packs,
//! sorted by id. It drives `corpuslint rules` and `explain`, the rule
//! reference in `docs/rules.md`, SARIF's rule metadata and the validation of
//! configuration.

use crate::diagnostic::Rule;
use crate::rules::style::{self, PackRule};
use crate::rules::{date, figure, footnote, io, repetition, suppression};

/// Every built-in rule (style packs aside), sorted by id.
pub fn builtin_rules() -> Vec<Rule> {
    let mut all: Vec<Rule> =
        [footnote::RULES, repetition::RULES, date::RULES, figure::RULES, io::RULES, suppression::RULES].concat();
    all.sort();
    all
}

/// The rules known to a run.
#[derive(Debug, Clone)]
pub struct Registry {
    rules: Vec<Rule>,
    packs: Vec<PackRule>,
}

impl Registry {
    /// The built-in rules and the embedded default rule pack.
    pub fn builtin() -> Registry {
        Registry::with_packs(style::default_packs())
    }

    /// The built-in rules and the given pack rules (the default pack
    /// included, if wanted).
    pub fn with_packs(packs: Vec<PackRule>) -> Registry {
        let mut rules = builtin_rules();
        rules.extend(packs.iter().map(|p| p.rule));
        rules.sort();
        rules.dedup();
        Registry { rules, packs }
    }

    /// Every rule, sorted by id.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<Rule> {
        self.rules.binary_search_by(|r| r.id().cmp(id)).ok().map(|i| self.rules[i])
    }

    pub fn packs(&self) -> &[PackRule] {
        &self.packs
    }
}
