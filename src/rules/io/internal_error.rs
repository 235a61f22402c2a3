//! `io/internal-error`: reported by the loader, not by a check.

crate::declare_rule! {
    /// ## What it does
    /// Reports a check that panicked on a file. The run goes on with every other check and file.
    ///
    /// ## Why is this bad?
    /// The file was only partly checked, and corpuslint has a bug: please report it with the file.
    ///
    /// ## Example
    /// No input should trigger it.
    pub struct InternalError {
        id: "io/internal-error",
        severity: Error,
        summary: "a check failed on this file; the other checks and files still ran",
    }
}
