//! `io/broken-symlink`: reported by the loader, not by a check.

crate::declare_rule! {
    /// ## What it does
    /// Reports a symbolic link whose target does not exist.
    ///
    /// ## Why is this bad?
    /// The document it stood for is missing from the corpus.
    ///
    /// ## Example
    /// `ln -s missing.txt a.txt` triggers it; a link to an existing file does not.
    pub struct BrokenSymlink {
        id: "io/broken-symlink",
        severity: Error,
        summary: "a symbolic link points to nothing",
    }
}
