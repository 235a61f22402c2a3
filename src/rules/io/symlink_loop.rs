//! `io/symlink-loop`: reported by the loader, not by a check.

crate::declare_rule! {
    /// ## What it does
    /// Reports a link that leads back into a folder being walked; it is not followed.
    ///
    /// ## Why is this bad?
    /// Following it would check the same files forever.
    ///
    /// ## Example
    /// `ln -s .. corpus/up` triggers it; a link to a sibling folder does not.
    pub struct SymlinkLoop {
        id: "io/symlink-loop",
        severity: Warning,
        summary: "a symbolic link loops back to a folder above it and was not followed",
    }
}
