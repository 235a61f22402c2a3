//! What a rule *is* to the rest of the program: an id, a default severity,
//! a summary, its documentation and its typed options.
//!
//! A rule is declared once, in its own file, with [`declare_rule!`]: the doc
//! comment written above the declaration is the user documentation that
//! `corpuslint explain`, `docs/rules.md` and the SARIF rule help all print.
//! The declaration yields a unit type implementing [`RuleDef`], whose
//! [`RuleDef::RULE`] is the [`Rule`] handle everything else passes around, so a
//! mistyped id in code is a compile error, not a silent mismatch.
//!
//! Options are a struct declared with [`rule_options!`]: its `Default` is the
//! only place a default value is written; the docs print it, the config
//! validates against it.

use std::any::Any;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{Family, Severity};

/// A rule's documentation: the doc comment of its declaration, or text built
/// at run time (rules of user rule packs).
#[derive(Debug, Clone, Copy)]
pub enum RuleDoc {
    /// `///` lines as the compiler hands them over: one leading space each.
    Comment(&'static str),
    Text(&'static str),
}

/// One documented option of a rule.
#[derive(Debug, Clone, Copy)]
pub struct OptionDoc {
    /// The field name (`min_words`); shown and configured in kebab case.
    pub field: &'static str,
    pub doc: &'static str,
}

impl OptionDoc {
    /// The name as written in `corpuslint.toml` (`min-words`).
    pub fn name(&self) -> String {
        self.field.replace('_', "-")
    }
}

/// What the configuration layer needs to know of a rule's options type.
pub struct OptionsSpec {
    pub docs: &'static [OptionDoc],
    /// The defaults as TOML: what the docs print and the config type-checks
    /// against.
    pub defaults: fn() -> toml::Table,
    /// Reads configured values (keys in kebab case).
    pub parse: fn(toml::Table) -> Result<Arc<dyn Any + Send + Sync>, String>,
}

impl OptionsSpec {
    pub const fn of<T: RuleOptions>() -> OptionsSpec {
        OptionsSpec { docs: T::DOCS, defaults: defaults_of::<T>, parse: parse_of::<T> }
    }
}

/// An option as the docs show it: name, default as written in the
/// config, and its documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownOption {
    pub name: String,
    pub default: String,
    pub doc: String,
}

impl OptionsSpec {
    /// Every option with its default, in declaration order.
    pub fn shown(&self) -> Vec<ShownOption> {
        let defaults = (self.defaults)();
        self.docs
            .iter()
            .map(|o| {
                let name = o.name();
                let default = match defaults.get(&name) {
                    Some(toml::Value::String(s)) => s.clone(),
                    Some(v) => v.to_string(),
                    None => String::new(),
                };
                ShownOption { name, default, doc: o.doc.trim().to_string() }
            })
            .collect()
    }
}

impl std::fmt::Debug for OptionsSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OptionsSpec").field("docs", &self.docs).finish_non_exhaustive()
    }
}

fn defaults_of<T: RuleOptions>() -> toml::Table {
    toml::Table::try_from(T::default()).expect("rule options serialize to a table (tested)")
}

fn parse_of<T: RuleOptions>(table: toml::Table) -> Result<Arc<dyn Any + Send + Sync>, String> {
    let value: T = table.try_into().map_err(|e: toml::de::Error| e.message().to_string())?;
    Ok(Arc::new(value))
}

/// The typed options of a rule.
pub trait RuleOptions: Default + Clone + Serialize + DeserializeOwned + Send + Sync + 'static {
    const DOCS: &'static [OptionDoc];
}

/// Rules without options.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {}

impl RuleOptions for NoOptions {
    const DOCS: &'static [OptionDoc] = &[];
}

/// Everything known of a rule before any input is read.
#[derive(Debug)]
pub struct RuleMeta {
    /// `family/name`.
    pub id: &'static str,
    pub family: Family,
    pub severity: Severity,
    /// One line for `corpuslint rules`.
    pub summary: &'static str,
    pub doc: RuleDoc,
    /// Off-by-default rules run only when the config or `--select` names them.
    pub default_enabled: bool,
    pub options: &'static OptionsSpec,
}

/// A handle to a rule: a pointer to its metadata, compared by id.
#[derive(Clone, Copy)]
pub struct Rule(&'static RuleMeta);

impl Rule {
    pub const fn new(meta: &'static RuleMeta) -> Rule {
        Rule(meta)
    }

    pub fn id(self) -> &'static str {
        self.0.id
    }

    pub fn family(self) -> Family {
        self.0.family
    }

    pub fn default_severity(self) -> Severity {
        self.0.severity
    }

    pub fn summary(self) -> &'static str {
        self.0.summary
    }

    pub fn default_enabled(self) -> bool {
        self.0.default_enabled
    }

    pub fn options(self) -> &'static OptionsSpec {
        self.0.options
    }

    /// The documentation as Markdown (`## What it does`, `## Why is this
    /// bad?`, `## Example`).
    pub fn doc(self) -> String {
        match self.0.doc {
            RuleDoc::Text(t) => t.to_string(),
            RuleDoc::Comment(c) => {
                let mut out = String::with_capacity(c.len());
                for line in c.lines() {
                    out.push_str(line.strip_prefix(' ').unwrap_or(line));
                    out.push('\n');
                }
                out
            }
        }
    }

    /// Whether `selector` names this rule: `all`, its id, its id's prefix
    /// (`suppression` for `suppression/unused`) or its family.
    pub fn matches(self, selector: &str) -> bool {
        selector == "all"
            || selector == self.id()
            || self.id().split('/').next() == Some(selector)
            || self.family().as_str() == selector
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        std::ptr::eq(self.0, other.0) || self.0.id == other.0.id
    }
}

impl Eq for Rule {}

impl std::hash::Hash for Rule {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.id.hash(state);
    }
}

impl PartialOrd for Rule {
    fn partial_cmp(&self, other: &Rule) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Rule {
    fn cmp(&self, other: &Rule) -> std::cmp::Ordering {
        self.0.id.cmp(other.0.id)
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.id)
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.id)
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.id)
    }
}

/// Implemented by the unit type [`declare_rule!`] makes for each rule.
pub trait RuleDef: 'static {
    type Options: RuleOptions;
    const RULE: Rule;
}

/// Declares a rule: its doc comment (with `## What it does`, `## Why is
/// this bad?` and `## Example`), id, default severity, summary, and
/// optionally `enabled: false` and an options type.
///
/// ```
/// corpuslint::declare_rule! {
///     /// ## What it does
///     /// Finds nothing.
///     pub struct Nothing {
///         id: "style/nothing",
///         severity: Info,
///         summary: "finds nothing",
///     }
/// }
/// use corpuslint::diagnostic::RuleDef;
/// assert_eq!(Nothing::RULE.id(), "style/nothing");
/// assert_eq!(Nothing::RULE.doc(), "## What it does\nFinds nothing.\n");
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        pub struct $name:ident {
            id: $id:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            $(enabled: $enabled:literal,)?
            $(options: $options:ty,)?
        }
    ) => {
        // The doc comment is the user documentation (Markdown with indented
        // examples that are prose, not Rust): it goes to `explain`, not to
        // rustdoc, which would run the examples as doctests.
        #[doc = $summary]
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;

        impl $crate::diagnostic::RuleDef for $name {
            type Options = $crate::declare_rule!(@options $($options)?);
            const RULE: $crate::diagnostic::Rule = $crate::diagnostic::Rule::new(&$crate::diagnostic::RuleMeta {
                id: $id,
                family: $crate::diagnostic::Family::of_id($id),
                severity: $crate::diagnostic::Severity::$severity,
                summary: $summary,
                doc: $crate::diagnostic::RuleDoc::Comment(concat!($($doc, "\n"),+)),
                default_enabled: $crate::declare_rule!(@enabled $($enabled)?),
                options: &$crate::diagnostic::OptionsSpec::of::<$crate::declare_rule!(@options $($options)?)>(),
            });
        }
    };
    (@options) => { $crate::diagnostic::NoOptions };
    (@options $t:ty) => { $t };
    (@enabled) => { true };
    (@enabled $e:literal) => { $e };
}

/// Declares a rule's options: each field with its doc comment, type and
/// default value. Keys are kebab case in the config; unknown keys are errors.
///
/// ```
/// corpuslint::rule_options! {
///     pub struct Opts {
///         /// sentences with fewer words are never reported
///         min_words: usize = 6,
///     }
/// }
/// use corpuslint::diagnostic::RuleOptions;
/// assert_eq!(Opts::default().min_words, 6);
/// assert_eq!(Opts::DOCS[0].name(), "min-words");
/// ```
#[macro_export]
macro_rules! rule_options {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[doc = $doc:literal])+ $field:ident : $ty:ty = $default:expr, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
        pub struct $name {
            $( $(#[doc = $doc])+ pub $field: $ty, )*
        }

        impl Default for $name {
            fn default() -> Self {
                $name { $( $field: $default, )* }
            }
        }

        impl $crate::diagnostic::RuleOptions for $name {
            const DOCS: &'static [$crate::diagnostic::OptionDoc] = &[
                $( $crate::diagnostic::OptionDoc { field: stringify!($field), doc: concat!($($doc),+) }, )*
            ];
        }
    };
}
