//! `io/unreadable`: reported by the loader, not by a check.

crate::declare_rule! {
    /// ## What it does
    /// Reports a file that exists but cannot be read (permissions, I/O error).
    ///
    /// ## Why is this bad?
    /// An unchecked file is an unknown: a CI gate must not pass it silently.
    ///
    /// ## Example
    /// A file with mode `000` triggers it; a readable file does not.
    pub struct Unreadable {
        id: "io/unreadable",
        severity: Error,
        summary: "the file could not be read",
    }
}
