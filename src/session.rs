//! A library session: the rules, data and options of a configuration, built
//! once, then used for any number of checks.
//!
//! ```
//! use corpuslint::session::{Overrides, Session};
//!
//! let session = Session::from_config(None, &Overrides::default()).unwrap();
//! let mut report = session.check_text("note.md", "Sales rose 12%.[^1]\n\n[^1]: Annual report.\n[^2]: Unused.\n", None);
//! report.resolve(false);
//! let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.id()).collect();
//! assert_eq!(rules, ["footnote/unused-note"]);
//! ```
//!
//! The CLI, the tests and the benchmarks all go through a session;
//! an editor server or a Python binding checks in-memory text with
//! [`Session::check_text`], giving it the corpus facts of the other
//! documents ([`Session::index`]) so that repeats and date conflicts across
//! documents are found too. The library never prints.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{Config, ConfigError, TomlFile};
use crate::diagnostic::{Report, Severity};
use crate::document::Format;
use crate::engine::{self, Input, InputError, RunOptions};
use crate::rules::date::calendar::{self, Calendar};
use crate::rules::figure::{self, Cues};
use crate::rules::style::{self, PackRule};
use crate::rules::{DocFacts, Families, Registry, RuleData, RuleSet};
use crate::source::{FileId, Source, SourceDb};
use crate::text::lexicon::Lexicon;

/// What the command line adds to (or puts over) the configuration.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Replaces the configuration's `select` when not empty.
    pub select: Vec<String>,
    /// Added to the configuration's `ignore`.
    pub ignore: Vec<String>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

/// Why a session could not be built.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// A mistake in a configuration or data file, at its place.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A selector given on the command line names nothing.
    #[error("unknown rule or family `{0}` (see `corpuslint rules`)")]
    UnknownSelector(String),
}

/// The facts of documents checked earlier, to check one more against.
#[derive(Debug, Clone, Default)]
pub struct CorpusIndex {
    db: SourceDb,
    facts: Vec<DocFacts>,
}

impl CorpusIndex {
    pub fn len(&self) -> usize {
        self.facts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }
}

/// Rules, data and options, ready to check documents.
pub struct Session {
    registry: Registry,
    families: Families,
    config: Config,
    run: RunOptions,
}

impl Session {
    /// Finds `corpuslint.toml` in `dir` or above and builds a session from it.
    pub fn discover(dir: &Path, overrides: &Overrides) -> Result<Session, SessionError> {
        match Config::discover(dir) {
            Some(path) => {
                // Shown relative to `dir` when it is below it.
                let shown = path.strip_prefix(dir).map(PathBuf::from).unwrap_or_else(|_| path.clone());
                let file = TomlFile::read(&shown)?;
                Session::from_config(Some((file, shown.parent().map(PathBuf::from))), overrides)
            }
            None => Session::from_config(None, overrides),
        }
    }

    /// Reads the configuration file at `path`.
    pub fn from_path(path: &Path, overrides: &Overrides) -> Result<Session, SessionError> {
        let file = TomlFile::read(path)?;
        Session::from_config(Some((file, path.parent().map(PathBuf::from))), overrides)
    }

    /// Builds the rule set, data and options of a configuration (its file
    /// and the folder relative paths in it are resolved against), or of
    /// the defaults when `None`.
    pub fn from_config(
        config: Option<(TomlFile, Option<PathBuf>)>,
        overrides: &Overrides,
    ) -> Result<Session, SessionError> {
        let config = match config {
            Some((file, root)) => Config::parse(file, root)?,
            None => Config::default(),
        };
        let registry = Registry::with_packs(packs(&config)?);
        let lexicon = {
            let files = read_files(&config, "lexicons", &config.lexicons)?;
            let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            Lexicon::parse(&refs).map_err(|m| config.path_error("lexicons", 0, m))?
        };
        let data = RuleData {
            lexicon: Arc::new(lexicon),
            calendar: Arc::new(data_file(
                &config,
                "calendars",
                &config.calendars,
                "checks/events.toml",
                calendar::DEFAULT,
                Calendar::parse,
            )?),
            cues: Arc::new(data_file(
                &config,
                "figure-cues",
                &config.figure_cues,
                "checks/figures.toml",
                figure::DEFAULT_CUES,
                Cues::parse,
            )?),
        };
        let mut set = RuleSet::new(&registry);
        config.apply(&registry, &mut set)?;
        let select: Option<Vec<String>> = if overrides.select.is_empty() {
            config.select.as_ref().map(|s| s.values.clone())
        } else {
            Some(overrides.select.clone())
        };
        let mut ignore = config.ignore.values.clone();
        ignore.extend(overrides.ignore.iter().cloned());
        for sel in select.iter().flatten().chain(&ignore) {
            if set.knows_selector(sel) {
                continue;
            }
            if overrides.select.contains(sel) || overrides.ignore.contains(sel) {
                return Err(SessionError::UnknownSelector(sel.clone()));
            }
            let message = format!("unknown rule or family `{sel}` (see `corpuslint rules`)");
            let span = config.select.as_ref().and_then(|s| s.span_of(sel)).or_else(|| config.ignore.span_of(sel));
            return Err(config.error(span, message).into());
        }
        set.select(select.as_deref(), &ignore);
        let run = RunOptions {
            include: config.include.iter().chain(&overrides.include).cloned().collect(),
            exclude: config.exclude.iter().chain(&overrides.exclude).cloned().collect(),
            ..RunOptions::default()
        };
        let families = Families::new(set, &data, &registry);
        Ok(Session { registry, families, config, run })
    }

    /// The families the session runs.
    pub fn families(&self) -> &Families {
        &self.families
    }

    #[doc(hidden)]
    pub fn with_probe(mut self, probe: fn(&crate::document::Document)) -> Session {
        self.families = self.families.with_probe(probe);
        self
    }

    /// Every rule known to the session (built-in and from rule packs).
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Which rules run, at what severity.
    pub fn rule_set(&self) -> &RuleSet {
        self.families.rule_set()
    }

    /// The configuration's `fail-on`, if it sets one.
    pub fn fail_on(&self) -> Option<Severity> {
        self.config.fail_on
    }

    pub fn run_options(&self) -> &RunOptions {
        &self.run
    }

    /// How much decoded text a run keeps in memory for rendering.
    pub fn set_keep_bytes(&mut self, bytes: usize) {
        self.run.keep_bytes = bytes;
    }

    /// The inputs `paths` stand for (folders walked).
    pub fn discover_inputs(&self, paths: &[PathBuf]) -> Result<Vec<Input>, InputError> {
        engine::discover(paths, &self.run)
    }

    /// Checks files and folders.
    pub fn check_paths(&self, paths: &[PathBuf]) -> Result<Report, InputError> {
        let inputs = self.discover_inputs(paths)?;
        Ok(self.check_inputs(&inputs, &|| {}))
    }

    /// Checks discovered inputs; `progress` is called once per file.
    pub fn check_inputs(&self, inputs: &[Input], progress: &(dyn Fn() + Sync)) -> Report {
        engine::run(&self.families, &self.run, inputs, progress)
    }

    /// The corpus facts of files and folders, to check in-memory documents
    /// against ([`Session::check_text`]).
    pub fn index(&self, paths: &[PathBuf]) -> Result<CorpusIndex, InputError> {
        let inputs = self.discover_inputs(paths)?;
        let report = engine::run_facts(&self.families, &inputs);
        Ok(CorpusIndex { db: report.0, facts: report.1 })
    }

    /// Checks one document held in memory. With `corpus`, the corpus-phase
    /// rules compare it with those documents too (a document of the index
    /// with the same path is replaced by this text). Only findings in this
    /// document are returned.
    pub fn check_text(&self, path: &str, text: &str, corpus: Option<&CorpusIndex>) -> Report {
        let format = Format::from_path(Path::new(path)).unwrap_or(Format::Plain);
        let (mut db, mut facts) = match corpus {
            Some(c) => (c.db.clone(), c.facts.iter().filter(|f| c.db.path(f.file) != path).cloned().collect()),
            None => (SourceDb::new(), Vec::new()),
        };
        let source = Arc::new(Source::from_text(text));
        let file: FileId = db.add_text(path, source.clone());
        engine::check_one(&self.families, &self.run, db, &mut facts, file, format, (*source).clone())
    }
}

/// The default rule pack and the configured ones.
fn packs(config: &Config) -> Result<Vec<PackRule>, ConfigError> {
    let mut files = vec![TomlFile::new("checks/style.toml", style::DEFAULT_PACK)];
    for (i, p) in config.rule_packs.iter().enumerate() {
        match TomlFile::read(p) {
            Ok(f) => files.push(f),
            Err(e) => return Err(config.path_error("rule-packs", i, e.message)),
        }
    }
    style::parse_packs(&files)
}

/// The text of each configured file of `key`, with its name.
fn read_files(config: &Config, key: &str, paths: &[PathBuf]) -> Result<Vec<(String, String)>, ConfigError> {
    let mut files = Vec::new();
    for (i, p) in paths.iter().enumerate() {
        let text = std::fs::read_to_string(p)
            .map_err(|e| config.path_error(key, i, format!("cannot read {}: {e}", p.display())))?;
        files.push((p.display().to_string(), text));
    }
    Ok(files)
}

/// A data file's parser: `(name, text)` of each file, in order.
type DataParser<T> = fn(&[(&str, &str)]) -> Result<T, String>;

/// An embedded data file followed by the configured ones, parsed together.
fn data_file<T>(
    config: &Config,
    key: &str,
    paths: &[PathBuf],
    default_name: &str,
    default_text: &str,
    parse: DataParser<T>,
) -> Result<T, ConfigError> {
    let mut files = vec![(default_name.to_string(), default_text.to_string())];
    files.extend(read_files(config, key, paths)?);
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    parse(&refs).map_err(|m| config.path_error(key, 0, m))
}
