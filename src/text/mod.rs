//! The text layer below every rule: data files and what they hold.
//!
//! Everything here is independent of documents and rules: TOML data files
//! with span-accurate errors ([`data`]).

pub mod data;
