//! Facts: what the per-document phase hands to the corpus phase.
//!
//! Facts are small, serialisable records (no document text), so the join can
//! run anywhere: in this process after a rayon map, or later on a cluster that
//! ships them between machines. Each check adds the facts it needs to join.

use serde::{Deserialize, Serialize};

/// Everything one document contributes to the corpus phase.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DocFacts {
    /// The path as reported in diagnostics.
    pub path: String,
    /// Sentence fingerprints for repeats across documents.
    pub repetition: Vec<crate::rules::repetition::UnitFact>,
    /// The document's date and its dated statements.
    pub date: crate::rules::date::DateFacts,
    /// Inline suppressions, applied again to corpus-phase findings.
    pub suppressions: Vec<crate::suppress::Suppression>,
}
