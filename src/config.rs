//! `corpuslint.toml`: finding, parsing and validating the configuration.
//!
//! The file is parsed with spans (`toml::de::DeTable`) and validated by hand,
//! so every mistake (an unknown key, a wrong type, an unknown rule id or
//! option) is reported at its exact place in the file, rendered like any other
//! diagnostic, and ends the run with status 2.
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
//!
//! [rules."style/mojibake"]
//! severity = "error"
//! ```

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::rules::{OptionKind, OptionValue, Registry, Settings};

pub const FILE_NAME: &str = "corpuslint.toml";

/// A TOML source: the config file or a rule pack.
#[derive(Debug, Clone)]
pub struct TomlDoc {
    pub path: String,
    pub text: String,
}

/// A configuration mistake at a place in a TOML file.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub text: String,
    pub span: Range<usize>,
    pub message: String,
}

impl TomlDoc {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> TomlDoc {
        TomlDoc { path: path.into(), text: text.into() }
    }

    pub fn read(path: &Path) -> Result<TomlDoc, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(TomlDoc::new(path.display().to_string(), text)),
            Err(e) => Err(ConfigError {
                path: path.display().to_string(),
                text: String::new(),
                span: 0..0,
                message: format!("cannot read {}: {e}", path.display()),
            }),
        }
    }

    pub fn error(&self, span: Range<usize>, message: String) -> ConfigError {
        ConfigError { path: self.path.clone(), text: self.text.clone(), span, message }
    }

    pub fn parse(&self) -> Result<Spanned<DeTable<'_>>, ConfigError> {
        DeTable::parse(&self.text).map_err(|e| self.error(e.span().unwrap_or(0..0), e.message().to_string()))
    }
}

/// The validated configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Folder the config was found in; relative paths in it resolve here.
    pub root: Option<PathBuf>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub fail_on: Option<Severity>,
    pub rule_packs: Vec<PathBuf>,
    /// Extra events calendars for `date/event-calendar-mismatch`.
    pub calendars: Vec<PathBuf>,
    /// Extra attribution cue lists for the figure family.
    pub figure_cues: Vec<PathBuf>,
    /// Per-rule settings, kept raw until the registry (with packs) is known.
    rule_tables: Vec<RuleTable>,
    source: Option<TomlDoc>,
}

#[derive(Debug, Clone)]
struct RuleTable {
    id: String,
    id_span: Range<usize>,
    entries: Vec<(String, Range<usize>, RawValue)>,
}

#[derive(Debug, Clone)]
enum RawValue {
    Bool(bool),
    Integer(i64),
    Float(f64),
    String(String),
    StringList(Vec<String>),
    Other(&'static str),
}

impl Config {
    /// Looks for `corpuslint.toml` in `start` and each folder above it.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
    }

    /// Parses and validates the top level; rule tables are checked later by
    /// [`Config::apply`], once rule packs are loaded.
    pub fn parse(doc: TomlDoc, root: Option<PathBuf>) -> Result<Config, ConfigError> {
        let mut config = Config { root, ..Config::default() };
        {
            let table = doc.parse()?;
            for (key, value) in table.get_ref() {
                let span = value.span();
                match key.get_ref().as_ref() {
                    "include" => config.include = string_list(&doc, value)?,
                    "exclude" => config.exclude = string_list(&doc, value)?,
                    "select" => config.select = Some(string_list(&doc, value)?),
                    "ignore" => config.ignore = string_list(&doc, value)?,
                    "fail-on" => {
                        let s = value.get_ref().as_str().ok_or_else(|| doc.error(span.clone(), "`fail-on` must be a string".into()))?;
                        config.fail_on = Some(Severity::parse(s).ok_or_else(|| {
                            doc.error(span.clone(), format!("unknown severity `{s}` (expected error, warning or info)"))
                        })?);
                    }
                    "rule-packs" => {
                        let base = config.root.clone().unwrap_or_default();
                        config.rule_packs = string_list(&doc, value)?.into_iter().map(|p| base.join(p)).collect();
                    }
                    "figure-cues" => {
                        let base = config.root.clone().unwrap_or_default();
                        config.figure_cues = string_list(&doc, value)?.into_iter().map(|p| base.join(p)).collect();
                    }
                    "calendars" => {
                        let base = config.root.clone().unwrap_or_default();
                        config.calendars = string_list(&doc, value)?.into_iter().map(|p| base.join(p)).collect();
                    }
                    "rules" => {
                        let rules = value.get_ref().as_table().ok_or_else(|| doc.error(span.clone(), "`rules` must be a table".into()))?;
                        for (id, body) in rules {
                            let body_table = body.get_ref().as_table().ok_or_else(|| {
                                doc.error(body.span(), format!("`rules.\"{}\"` must be a table", id.get_ref()))
                            })?;
                            let entries = body_table
                                .iter()
                                .map(|(k, v)| (k.get_ref().to_string(), v.span(), raw(v.get_ref())))
                                .collect();
                            config.rule_tables.push(RuleTable { id: id.get_ref().to_string(), id_span: id.span(), entries });
                        }
                    }
                    other => {
                        return Err(doc.error(
                            key.span(),
                            format!(
                                "unknown key `{other}` (expected one of: include, exclude, select, ignore, fail-on, rule-packs, calendars, figure-cues, rules)"
                            ),
                        ))
                    }
                }
            }
        }
        config.source = Some(doc);
        Ok(config)
    }

    /// Validates rule ids, selectors and options against `registry` and
    /// turns them into [`Settings`].
    pub fn apply(&self, registry: &Registry, settings: &mut Settings) -> Result<(), ConfigError> {
        let Some(doc) = &self.source else {
            return Ok(());
        };
        for t in &self.rule_tables {
            let Some(rule) = registry.rule(&t.id) else {
                return Err(doc.error(t.id_span.clone(), format!("unknown rule `{}` (see `corpuslint rules`)", t.id)));
            };
            for (key, span, value) in &t.entries {
                match (key.as_str(), value) {
                    ("severity", RawValue::String(s)) => {
                        let sev = Severity::parse(s).ok_or_else(|| {
                            doc.error(span.clone(), format!("unknown severity `{s}` (expected error, warning or info)"))
                        })?;
                        settings.set_severity(rule.id, sev);
                    }
                    ("severity", _) => return Err(doc.error(span.clone(), "`severity` must be a string".into())),
                    ("enabled", RawValue::Bool(false)) => settings.disable(rule.id),
                    ("enabled", RawValue::Bool(true)) => settings.enable(rule.id),
                    ("enabled", _) => return Err(doc.error(span.clone(), "`enabled` must be a boolean".into())),
                    (name, value) => {
                        let Some(spec) = rule.options.iter().find(|o| o.name == name) else {
                            let known: Vec<&str> = ["severity", "enabled"]
                                .into_iter()
                                .chain(rule.options.iter().map(|o| o.name))
                                .collect();
                            return Err(doc.error(
                                span.clone(),
                                format!(
                                    "unknown option `{name}` for rule `{}` (expected one of: {})",
                                    rule.id,
                                    known.join(", ")
                                ),
                            ));
                        };
                        let typed = match (spec.kind, value) {
                            (OptionKind::Bool, RawValue::Bool(b)) => OptionValue::Bool(*b),
                            (OptionKind::Integer, RawValue::Integer(i)) => OptionValue::Integer(*i),
                            (OptionKind::Float, RawValue::Float(f)) => OptionValue::Float(*f),
                            (OptionKind::Float, RawValue::Integer(i)) => OptionValue::Float(*i as f64),
                            (OptionKind::String, RawValue::String(s)) => OptionValue::String(s.clone()),
                            (OptionKind::StringList, RawValue::StringList(v)) => OptionValue::StringList(v.clone()),
                            (kind, other) => {
                                return Err(doc.error(
                                    span.clone(),
                                    format!(
                                        "option `{name}` of `{}` must be {}, found {}",
                                        rule.id,
                                        kind.describe(),
                                        other.describe()
                                    ),
                                ))
                            }
                        };
                        settings.set_option(rule.id, name, typed);
                    }
                }
            }
        }
        Ok(())
    }

    /// Span of a top-level key's value, for errors found after parsing
    /// (an unknown selector, a missing rule pack).
    pub fn error_at_key(&self, key: &str, needle: &str, message: String) -> Option<ConfigError> {
        let doc = self.source.as_ref()?;
        let table = doc.parse().ok()?;
        let value = table.get_ref().iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v)?;
        let span = value
            .get_ref()
            .as_array()
            .and_then(|a| a.iter().find(|v| v.get_ref().as_str() == Some(needle)).map(|v| v.span()))
            .unwrap_or_else(|| value.span());
        Some(doc.error(span, message))
    }
}

impl RawValue {
    fn describe(&self) -> &'static str {
        match self {
            RawValue::Bool(_) => "a boolean",
            RawValue::Integer(_) => "an integer",
            RawValue::Float(_) => "a number",
            RawValue::String(_) => "a string",
            RawValue::StringList(_) => "a list of strings",
            RawValue::Other(t) => t,
        }
    }
}

fn raw(v: &DeValue<'_>) -> RawValue {
    if let Some(b) = v.as_bool() {
        return RawValue::Bool(b);
    }
    if let Some(s) = v.as_str() {
        return RawValue::String(s.to_string());
    }
    if let Some(i) = v.as_integer() {
        return i64::from_str_radix(i.as_str(), i.radix())
            .map_or(RawValue::Other("an out-of-range integer"), RawValue::Integer);
    }
    if let Some(f) = v.as_float() {
        return f.as_str().parse().map_or(RawValue::Other("an invalid float"), RawValue::Float);
    }
    if let Some(a) = v.as_array() {
        let strings: Option<Vec<String>> = a.iter().map(|x| x.get_ref().as_str().map(str::to_string)).collect();
        return strings.map_or(RawValue::Other("a list that is not all strings"), RawValue::StringList);
    }
    RawValue::Other(if v.is_table() { "a table" } else { "a date-time" })
}

fn string_list(doc: &TomlDoc, value: &Spanned<DeValue<'_>>) -> Result<Vec<String>, ConfigError> {
    let arr = value.get_ref().as_array().ok_or_else(|| doc.error(value.span(), "expected a list of strings".into()))?;
    arr.iter()
        .map(|v| {
            v.get_ref().as_str().map(str::to_string).ok_or_else(|| doc.error(v.span(), "expected a string".into()))
        })
        .collect()
}
