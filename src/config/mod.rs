//! `corpuslint.toml`: finding, parsing and validating the configuration.
//!
//! The top level is deserialized with serde into [`Config`] (unknown keys
//! and wrong types are serde's errors, at their span). Rule tables are
//! validated against the [`Registry`]: the rule must exist, `severity` and
//! `enabled` apply to every rule, and any other key must be one of the
//! rule's declared options, of the type of its default, and parse into the
//! rule's options type. Every mistake is reported at its exact place in the
//! file and ends the run with status 2.
//!
//! ```toml
//! include = ["**/*.md", "**/*.txt"]
//! exclude = ["drafts/**"]
//! select = ["footnote", "date/weekday-mismatch"]   # default: all
//! ignore = ["style"]
//! fail-on = "warning"
//! rule-packs = ["checks/house-style.toml"]
//! calendars = ["checks/our-events.toml"]
//! figure-cues = ["checks/our-cues.toml"]
//! lexicons = ["checks/our-words.toml"]
//!
//! [rules."style/mojibake"]
//! severity = "error"
//! ```

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::rules::{Registry, RuleSet};
pub use crate::text::data::{DataError as ConfigError, TomlFile};

pub const FILE_NAME: &str = "corpuslint.toml";

type Strings = Option<Spanned<Vec<Spanned<String>>>>;
type RuleTables = BTreeMap<Spanned<String>, Spanned<BTreeMap<Spanned<String>, Spanned<toml::Value>>>>;

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    include: Strings,
    exclude: Strings,
    select: Strings,
    ignore: Strings,
    fail_on: Option<Spanned<String>>,
    rule_packs: Strings,
    calendars: Strings,
    figure_cues: Strings,
    lexicons: Strings,
    rules: Option<RuleTables>,
}

/// A list of strings from the file, each with its span.
#[derive(Debug, Clone, Default)]
pub struct Listed {
    pub values: Vec<String>,
    pub spans: Vec<Range<usize>>,
}

impl Listed {
    fn of(raw: Strings) -> Listed {
        let items = raw.map(Spanned::into_inner).unwrap_or_default();
        Listed {
            spans: items.iter().map(Spanned::span).collect(),
            values: items.into_iter().map(Spanned::into_inner).collect(),
        }
    }

    /// The span of the first item equal to `value`.
    pub fn span_of(&self, value: &str) -> Option<Range<usize>> {
        self.values.iter().position(|v| v == value).map(|i| self.spans[i].clone())
    }
}

/// The validated top level of the configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Folder the config was found in; relative paths in it resolve here.
    pub root: Option<PathBuf>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub select: Option<Listed>,
    pub ignore: Listed,
    pub fail_on: Option<Severity>,
    pub rule_packs: Vec<PathBuf>,
    /// Extra events calendars for `date/event-calendar-mismatch`.
    pub calendars: Vec<PathBuf>,
    /// Extra attribution cue lists for the figure family.
    pub figure_cues: Vec<PathBuf>,
    /// Extra word lists (stop words, abbreviations, currencies, units…).
    pub lexicons: Vec<PathBuf>,
    /// Spans of the path lists, for errors found when reading them.
    path_spans: BTreeMap<&'static str, Listed>,
    rules: Vec<RuleTable>,
    file: Option<TomlFile>,
}

#[derive(Debug, Clone)]
struct RuleTable {
    id: Spanned<String>,
    entries: Vec<(Spanned<String>, Spanned<toml::Value>)>,
}

fn describe(v: &toml::Value) -> &'static str {
    match v {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "an integer",
        toml::Value::Float(_) => "a number",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Datetime(_) => "a date-time",
        toml::Value::Array(a) if a.iter().all(toml::Value::is_str) => "a list of strings",
        toml::Value::Array(_) => "a list that is not all strings",
        toml::Value::Table(_) => "a table",
    }
}

/// Whether a configured value may stand where the default value is.
fn same_kind(default: &toml::Value, given: &toml::Value) -> bool {
    use toml::Value::*;
    match (default, given) {
        (Float(_), Integer(_)) => true,
        (Array(_), Array(items)) => items.iter().all(toml::Value::is_str),
        (a, b) => std::mem::discriminant(a) == std::mem::discriminant(b),
    }
}

impl Config {
    /// Looks for `corpuslint.toml` in `start` and each folder above it.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
    }

    /// Parses and validates the top level; rule tables are checked by
    /// [`Config::apply`], once the rule packs are known.
    pub fn parse(file: TomlFile, root: Option<PathBuf>) -> Result<Config, ConfigError> {
        let raw: RawConfig = file.deserialize()?;
        let fail_on = match raw.fail_on {
            Some(s) => Some(Severity::parse(s.get_ref()).ok_or_else(|| {
                file.error(s.span(), format!("unknown severity `{}` (expected error, warning or info)", s.get_ref()))
            })?),
            None => None,
        };
        let base = root.clone().unwrap_or_default();
        let mut path_spans = BTreeMap::new();
        let mut paths = |key: &'static str, list: Strings| -> Vec<PathBuf> {
            let listed = Listed::of(list);
            let out = listed.values.iter().map(|p| base.join(p)).collect();
            path_spans.insert(key, listed);
            out
        };
        let rule_packs = paths("rule-packs", raw.rule_packs);
        let calendars = paths("calendars", raw.calendars);
        let figure_cues = paths("figure-cues", raw.figure_cues);
        let lexicons = paths("lexicons", raw.lexicons);
        let rules = raw
            .rules
            .unwrap_or_default()
            .into_iter()
            .map(|(id, body)| RuleTable { id, entries: body.into_inner().into_iter().collect() })
            .collect();
        Ok(Config {
            root,
            include: Listed::of(raw.include).values,
            exclude: Listed::of(raw.exclude).values,
            select: raw.select.map(|s| Listed::of(Some(s))),
            ignore: Listed::of(raw.ignore),
            fail_on,
            rule_packs,
            calendars,
            figure_cues,
            lexicons,
            path_spans,
            rules,
            file: Some(file),
        })
    }

    /// An error at the `index`-th path of list `key` (a pack or calendar
    /// that cannot be read or parsed).
    pub fn path_error(&self, key: &str, index: usize, message: String) -> ConfigError {
        let span = self.path_spans.get(key).and_then(|l| l.spans.get(index).cloned());
        self.error(span, message)
    }

    /// An error at `span` of the file (or with no place, without a file).
    pub fn error(&self, span: Option<Range<usize>>, message: String) -> ConfigError {
        match &self.file {
            Some(f) => f.error(span.unwrap_or(0..0), message),
            None => ConfigError { path: FILE_NAME.into(), text: String::new(), span: 0..0, message },
        }
    }

    /// Applies the rule tables to `set`, validating them against `registry`.
    pub fn apply(&self, registry: &Registry, set: &mut RuleSet) -> Result<(), ConfigError> {
        let Some(file) = &self.file else { return Ok(()) };
        for t in &self.rules {
            let Some(rule) = registry.get(t.id.get_ref()) else {
                return Err(
                    file.error(t.id.span(), format!("unknown rule `{}` (see `corpuslint rules`)", t.id.get_ref()))
                );
            };
            let spec = rule.options();
            let defaults = (spec.defaults)();
            let mut options = toml::Table::new();
            for (key, value) in &t.entries {
                match (key.get_ref().as_str(), value.get_ref()) {
                    ("severity", toml::Value::String(s)) => {
                        let sev = Severity::parse(s).ok_or_else(|| {
                            file.error(
                                value.span(),
                                format!("unknown severity `{s}` (expected error, warning or info)"),
                            )
                        })?;
                        set.set_severity(rule, sev);
                    }
                    ("severity", _) => return Err(file.error(value.span(), "`severity` must be a string")),
                    ("enabled", toml::Value::Boolean(b)) => set.set_enabled(rule, *b),
                    ("enabled", _) => return Err(file.error(value.span(), "`enabled` must be a boolean")),
                    (name, given) => {
                        let Some(default) = defaults.get(name) else {
                            let known: Vec<String> = ["severity".to_string(), "enabled".to_string()]
                                .into_iter()
                                .chain(spec.docs.iter().map(|o| o.name()))
                                .collect();
                            return Err(file.error(
                                value.span(),
                                format!(
                                    "unknown option `{name}` for rule `{}` (expected one of: {})",
                                    rule.id(),
                                    known.join(", ")
                                ),
                            ));
                        };
                        if !same_kind(default, given) {
                            return Err(file.error(
                                value.span(),
                                format!(
                                    "option `{name}` of `{}` must be {}, found {}",
                                    rule.id(),
                                    describe(default),
                                    describe(given)
                                ),
                            ));
                        }
                        options.insert(name.to_string(), given.clone());
                    }
                }
            }
            if !options.is_empty() {
                let parsed = (spec.parse)(options)
                    .map_err(|e| file.error(t.id.span(), format!("options of `{}`: {e}", rule.id())))?;
                set.set_options(rule, parsed);
            }
        }
        Ok(())
    }
}
