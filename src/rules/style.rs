//! `style/*`: user rule packs, Vale-style.
//!
//! A pack is a TOML file of `[[rule]]` tables, each a regular expression, a
//! message and a severity (see `checks/style.toml`, the embedded default
//! pack). Rules match the prose of every block, so code, markup and URLs never
//! trigger them, and report the exact span of each match.

use regex::Regex;

use crate::config::{ConfigError, TomlDoc};
use crate::diagnostic::{Diagnostic, Family, Severity};
use crate::document::{BlockKind, Document};
use crate::facts::DocFacts;
use crate::rules::{Check, Context, RuleInfo};

/// The default pack, embedded.
pub const DEFAULT_PACK: &str = include_str!("../../checks/style.toml");

struct PackRule {
    info: RuleInfo,
    regex: Regex,
    message: String,
    help: Option<String>,
}

/// All rules of the loaded packs.
pub struct StyleCheck {
    rules: Vec<PackRule>,
    infos: Vec<RuleInfo>,
}

fn leak(s: String) -> &'static str {
    // Rule metadata lives for the whole run; packs are loaded once at start.
    Box::leak(s.into_boxed_str())
}

impl StyleCheck {
    pub fn default_packs() -> Result<StyleCheck, ConfigError> {
        StyleCheck::from_packs(&[TomlDoc::new("checks/style.toml", DEFAULT_PACK)])
    }

    /// Loads packs; ids must be `style/<name>` and unique across packs.
    pub fn from_packs(packs: &[TomlDoc]) -> Result<StyleCheck, ConfigError> {
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
                    return Err(pack.error(value.span(), "`rule` must be an array of tables: write `[[rule]]`".into()));
                };
                for item in array {
                    let rule = parse_rule(pack, item)?;
                    if rules.iter().any(|r| r.info.id == rule.info.id) {
                        return Err(pack.error(item.span(), format!("rule `{}` is defined twice", rule.info.id)));
                    }
                    rules.push(rule);
                }
            }
        }
        let infos = rules.iter().map(|r| r.info).collect();
        Ok(StyleCheck { rules, infos })
    }
}

fn parse_rule(pack: &TomlDoc, item: &toml::Spanned<toml::de::DeValue<'_>>) -> Result<PackRule, ConfigError> {
    let Some(table) = item.get_ref().as_table() else {
        return Err(pack.error(item.span(), "each `[[rule]]` must be a table".into()));
    };
    const KEYS: &[&str] = &["id", "pattern", "message", "severity", "summary", "why", "bad", "good", "help"];
    let get = |name: &str, required: bool| -> Result<Option<(String, std::ops::Range<usize>)>, ConfigError> {
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
    let info = RuleInfo {
        id: leak(id),
        family: Family::Style,
        severity,
        summary: leak(summary),
        doc: leak(doc),
        options: &[],
        default_enabled: true,
    };
    Ok(PackRule { info, regex, message, help })
}

impl Check for StyleCheck {
    fn rules(&self) -> &[RuleInfo] {
        &self.infos
    }

    fn check(&self, doc: &Document, cx: &Context<'_>, out: &mut Vec<Diagnostic>, _facts: &mut DocFacts) {
        for rule in self.rules.iter().filter(|r| cx.enabled(r.info.id)) {
            for block in doc.blocks.iter().filter(|b| b.kind != BlockKind::PageDebris) {
                let text = &doc.prose[block.prose.clone()];
                for m in rule.regex.find_iter(text) {
                    if m.is_empty() {
                        continue;
                    }
                    let prose = block.prose.start + m.start()..block.prose.start + m.end();
                    let message = rule.message.replace("{match}", m.as_str());
                    let mut d = doc.report(rule.info.id, rule.info.severity, doc.src_range(prose), message);
                    d.help = rule.help.clone();
                    out.push(d);
                }
            }
        }
    }
}
