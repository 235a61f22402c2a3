//! corpuslint: a linter for corpora of prose documents.
//!
//! The pipeline, one stage per module:
//!
//! 1. [`engine::discover`] walks the paths into inputs;
//! 2. [`source::Source`] decodes each file once (BOM, CRLF, invalid UTF-8);
//! 3. [`document::Document`] parses it by format into prose with a source map,
//!    blocks and sentences;
//! 4. the [`rules::Check`]s of a [`rules::Registry`] run on every document in
//!    parallel, returning [`diagnostic::Diagnostic`]s and [`facts::DocFacts`];
//! 5. the corpus phase joins the facts; [`engine::run`] sorts the result;
//! 6. an [`output`] renderer writes it.
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
pub mod facts;
pub mod output;
pub mod rules;
pub mod source;
pub mod suppress;
