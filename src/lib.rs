//! corpuslint: a linter for corpora of prose documents.
//!
//! The layers, each using only those above it:
//!
//! 1. [`text`]: data files (and the word lists rules share);
//! 2. [`source`]: a file's bytes decoded once ([`source::Source`]) and the
//!    run's files by id ([`source::SourceDb`]), which alone turns byte spans
//!    into lines, columns and snippets;
//! 3. [`diagnostic`]: rules as handles ([`diagnostic::Rule`]), findings as
//!    data ([`diagnostic::Diagnostic`]) and the [`diagnostic::Report`];
//! 4. [`document`]: a file parsed by format into prose with a source map,
//!    blocks, sentences, notes and links;
//! 5. [`rules`]: one file per rule, in families that analyse a document
//!    once and join facts across documents;
//! 6. [`config`] (`corpuslint.toml`), [`engine`] (discovery, the parallel
//!    per-document phase and the corpus phase) and [`session`] (all of it,
//!    built once, for the CLI, tests, benches and bindings);
//! 7. [`baseline`] and [`output`] (renderers).
//!
//! ```
//! use corpuslint::document::{Document, Format};
//!
//! let doc = Document::from_text("a.md", Format::Markdown, "# Title\n\nDr. Smith paid €2.9 billion. It rose.[^1]\n\n[^1]: A source.\n");
//! let sentences: Vec<&str> = doc.sentences.iter().map(|s| doc.sentence_text(s)).collect();
//! assert_eq!(sentences, ["Title", "Dr. Smith paid €2.9 billion.", "It rose.[^1]", "A source."]);
//! ```

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod output;
pub mod rules;
pub mod session;
pub mod source;
pub mod text;
