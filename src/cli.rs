//! Command-line interface (clap derive). Every flag is declared here once;
//! `--help` is generated from these doc comments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "corpuslint",
    version,
    about = "Lint a corpus of prose: broken footnotes, repeated sentences, inconsistent dates, unsupported figures."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files and folders (default: the current folder).
    Check(CheckArgs),
    /// List every rule: id, family, default severity, summary.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
        /// Configuration file whose rule packs to include.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Show how a file is parsed: its blocks and sentences, with line numbers.
    Parse {
        /// The file to show.
        path: PathBuf,
    },
    /// Print the documentation of a rule.
    Explain {
        /// Rule id, e.g. `style/mojibake`.
        rule: String,
        /// Configuration file whose rule packs to include.
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// rustc-style diagnostics with source excerpts.
    Text,
    /// One JSON document (see docs/diagnostics-json.md).
    Json,
    /// One JSON object per diagnostic per line.
    Jsonl,
    /// SARIF 2.1.0, for code scanning (GitHub and others).
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML: one test case per file, one failure per diagnostic.
    Junit,
    /// reviewdog's diagnostic format, for pull-request review comments.
    Rdjson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files and folders to check; folders are walked recursively.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// When to color text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Only report these rules or families (comma-separated; repeatable).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not report these rules or families (comma-separated; repeatable).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Only check files matching these globs (relative to each path given).
    #[arg(long, value_delimiter = ',')]
    pub include: Vec<String>,
    /// Skip files matching these globs.
    #[arg(long, value_delimiter = ',')]
    pub exclude: Vec<String>,
    /// Exit with status 1 when a diagnostic at or above this severity is reported [default: warning].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Worker threads [default: all cores].
    #[arg(long)]
    pub threads: Option<usize>,
    /// Print diagnostics only: no summary line, no progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print counts per rule instead of each diagnostic (text format).
    #[arg(long)]
    pub statistics: bool,
    /// Record the current findings in this baseline file (and exit 0).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Report (and fail on) only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Check only files changed since this git revision (repeats and date
    /// conflicts still compare against the whole corpus).
    #[arg(long, value_name = "GIT_REF")]
    pub changed_since: Option<String>,
    /// Configuration file [default: corpuslint.toml in this folder or above].
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Ignore any corpuslint.toml.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
}
