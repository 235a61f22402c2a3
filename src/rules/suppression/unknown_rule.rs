//! `suppression/unknown-rule`: reported by the engine with the directives.

crate::declare_rule! {
    /// ## What it does
    /// Validates the rule ids and families named in suppression directives.
    ///
    /// ## Why is this bad?
    /// A misspelt id suppresses nothing, and the problem it meant to silence is still reported.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     <!-- corpuslint-disable figure/unsuported -->
    ///
    /// Does not:
    ///
    ///     <!-- corpuslint-disable figure/unsupported -->
    pub struct UnknownRule {
        id: "suppression/unknown-rule",
        severity: Warning,
        summary: "an inline suppression names a rule or family that does not exist",
    }
}
