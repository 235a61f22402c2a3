//! `style/*`: rules from TOML rule packs, Vale-style.
//!
//! A pack is a TOML file of `[[rule]]` tables, each a regular expression, a
//! message and a severity (see `checks/style.toml`, the embedded default
//! pack). Rules match the prose of every block, so code, markup and URLs never
//! trigger them, and report the exact span of each match. Pack rules are
//! data, so they are the one kind of rule not declared in a file of its own:
//! their metadata is made when the pack is read.

use std::sync::{Arc, Mutex};

use regex::Regex;

use crate::diagnostic::{NoOptions, OptionsSpec, Rule, RuleDoc, RuleMeta, Severity};
use crate::document::{BlockKind, Document};
use crate::rules::{RuleSet, Sink};
use crate::text::data::{DataError, TomlFile};

/// The default pack, embedded.
pub const DEFAULT_PACK: &str = include_str!("../../checks/style.toml");

/// One rule of a pack.
#[derive(Debug, Clone)]
pub struct PackRule {
    pub rule: Rule,
    regex: Regex,
    message: String,
    help: Option<String>,
}

static NO_OPTIONS: OptionsSpec = OptionsSpec::of::<NoOptions>();

/// Rule metadata lives for the whole process (a [`Rule`] is a `'static`
/// handle). Packs are read once per configuration; the same rule read again
/// (an editor reloading its configuration) reuses its metadata, so the leak
/// is bounded by the distinct rules ever loaded.
fn intern(meta: RuleMeta) -> Rule {
    static SEEN: Mutex<Vec<&'static RuleMeta>> = Mutex::new(Vec::new());
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    let same = |m: &RuleMeta| {
        let doc = |d: RuleDoc| match d {
            RuleDoc::Text(t) | RuleDoc::Comment(t) => t,
        };
        m.id == meta.id && m.severity == meta.severity && m.summary == meta.summary && doc(m.doc) == doc(meta.doc)
    };
    if let Some(m) = seen.iter().find(|m| same(m)) {
        return Rule::new(m);
    }
    let leaked: &'static RuleMeta = Box::leak(Box::new(meta));
    seen.push(leaked);
    Rule::new(leaked)
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Reads packs; ids must be `style/<name>` and unique across packs.
pub fn parse_packs(packs: &[TomlFile]) -> Result<Vec<PackRule>, DataError> {
    let mut rules: Vec<PackRule> = Vec::new();
    for pack in packs {
        let table = pack.parse()?;
        for (key, value) in table.get_ref() {
            if key.get_ref() != "rule" {
                return Err(pack.error(
                    key.span(),
                    format!("unknown key `{}` in rule pack (expected `[[rule]]` tables)", key.get_ref()),
                ));
            }
            let Some(array) = value.get_ref().as_array() else {
                return Err(pack.error(value.span(), "`rule` must be an array of tables: write `[[rule]]`"));
            };
            for item in array {
                let rule = parse_rule(pack, item)?;
                if rules.iter().any(|r| r.rule == rule.rule) {
                    return Err(pack.error(item.span(), format!("rule `{}` is defined twice", rule.rule.id())));
                }
                rules.push(rule);
            }
        }
    }
    Ok(rules)
}

/// The embedded default pack.
pub fn default_packs() -> Vec<PackRule> {
    parse_packs(&[TomlFile::new("checks/style.toml", DEFAULT_PACK)]).expect("the embedded rule pack is valid (tested)")
}

fn parse_rule(pack: &TomlFile, item: &toml::Spanned<toml::de::DeValue<'_>>) -> Result<PackRule, DataError> {
    let Some(table) = item.get_ref().as_table() else {
        return Err(pack.error(item.span(), "each `[[rule]]` must be a table"));
    };
    const KEYS: &[&str] = &["id", "pattern", "message", "severity", "summary", "why", "bad", "good", "help"];
    let get = |name: &str, required: bool| -> Result<Option<(String, std::ops::Range<usize>)>, DataError> {
        match table.get(name) {
            Some(v) => match v.get_ref().as_str() {
                Some(s) => Ok(Some((s.to_string(), v.span()))),
                None => Err(pack.error(v.span(), format!("`{name}` must be a string"))),
            },
            None if required => Err(pack.error(item.span(), format!("rule is missing `{name}`"))),
            None => Ok(None),
        }
    };
    let (id, id_span) = get("id", true)?.unwrap_or_default();
    let (pattern, pattern_span) = get("pattern", true)?.unwrap_or_default();
    let (message, _) = get("message", true)?.unwrap_or_default();
    let severity = match get("severity", false)? {
        None => Severity::Warning,
        Some((s, span)) => Severity::parse(&s)
            .ok_or_else(|| pack.error(span, format!("unknown severity `{s}` (expected error, warning or info)")))?,
    };
    let summary = get("summary", false)?.map(|s| s.0).unwrap_or_else(|| message.clone());
    let why = get("why", false)?.map(|s| s.0);
    let bad = get("bad", false)?.map(|s| s.0);
    let good = get("good", false)?.map(|s| s.0);
    let help = get("help", false)?.map(|s| s.0);
    for key in table.keys() {
        if !KEYS.contains(&key.get_ref().as_ref()) {
            return Err(pack.error(
                key.span(),
                format!("unknown key `{}` in rule (expected one of: {})", key.get_ref(), KEYS.join(", ")),
            ));
        }
    }
    let name = id.strip_prefix("style/").unwrap_or("");
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return Err(pack.error(
            id_span,
            format!("rule id `{id}` must be `style/<name>` in lowercase letters, digits and hyphens"),
        ));
    }
    let regex =
        Regex::new(&pattern).map_err(|e| pack.error(pattern_span, format!("invalid regular expression: {e}")))?;
    let mut doc = format!("## What it does\n{summary}\n\nPattern: `{pattern}`\n\n## Why is this bad?\n");
    doc.push_str(why.as_deref().unwrap_or("The rule pack that defines it gives no reason."));
    doc.push_str("\n\n## Example\n");
    if let Some(bad) = &bad {
        doc.push_str(&format!("Triggers it:\n\n    {bad}\n\n"));
    }
    if let Some(good) = &good {
        doc.push_str(&format!("Does not:\n\n    {good}\n"));
    }
    doc.push_str(&format!("\n(defined in rule pack `{}`)", pack.path));
    let rule = intern(RuleMeta {
        id: leak(id),
        family: crate::diagnostic::Family::Style,
        severity,
        summary: leak(summary),
        doc: RuleDoc::Text(leak(doc)),
        default_enabled: true,
        options: &NO_OPTIONS,
    });
    Ok(PackRule { rule, regex, message, help })
}

/// The style family: the enabled pack rules.
pub struct Family {
    rules: Vec<PackRule>,
}

impl Family {
    pub fn new(set: &RuleSet, packs: &[PackRule]) -> Option<Family> {
        let rules: Vec<PackRule> = packs.iter().filter(|r| set.enabled(r.rule)).cloned().collect();
        (!rules.is_empty()).then_some(Family { rules })
    }

    pub fn first_rule(&self) -> &'static str {
        self.rules.first().map_or("style", |r| r.rule.id())
    }

    pub fn check(&self, doc: &Document, out: &mut Sink<'_>) {
        for rule in &self.rules {
            for block in doc.blocks.iter().filter(|b| b.kind != BlockKind::PageDebris) {
                let text = &doc.prose[block.prose.clone()];
                for m in rule.regex.find_iter(text) {
                    if m.is_empty() {
                        continue;
                    }
                    let prose = block.prose.start + m.start()..block.prose.start + m.end();
                    let message = rule.message.replace("{match}", m.as_str());
                    let mut f = out.report(rule.rule, doc.src_range(prose), message);
                    if let Some(help) = &rule.help {
                        f.help(help.clone());
                    }
                }
            }
        }
    }
}

/// Pack rules shared by every family instance of a registry.
pub type Packs = Arc<[PackRule]>;
