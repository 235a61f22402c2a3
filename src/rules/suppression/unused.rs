//! `suppression/unused`: reported by the engine after the corpus phase, when
//! every finding a directive could cover is known.

crate::declare_rule! {
    /// ## What it does
    /// Reports a `corpuslint-disable…` directive that covered no diagnostic, like ruff's unused `noqa`.
    ///
    /// ## Why is this bad?
    /// A stale suppression hides the next real problem at that place and misleads readers of the source.
    ///
    /// ## Example
    /// Triggers it (nothing to suppress on the next line):
    ///
    ///     <!-- corpuslint-disable-next-line figure/unsupported -->
    ///     The sky is blue.
    ///
    /// Does not:
    ///
    ///     <!-- corpuslint-disable-next-line figure/unsupported -->
    ///     Ferry crossings rose by 31 per cent.
    pub struct Unused {
        id: "suppression/unused",
        severity: Warning,
        summary: "an inline suppression that suppresses nothing",
    }
}
