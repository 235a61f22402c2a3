//! `io/invalid-utf8`: reported by the loader, not by a check.

crate::declare_rule! {
    /// ## What it does
    /// Reports the first byte sequence that is not valid UTF-8. The file is then decoded with every invalid sequence replaced by U+FFFD and checked as usual.
    ///
    /// ## Why is this bad?
    /// Invalid bytes usually mean a file saved in a legacy encoding (Latin-1, Windows-1252) or damaged in transfer; readers and downstream tools will show mojibake.
    ///
    /// ## Example
    /// A file containing the byte `0xE9` for `é` (Latin-1) triggers it. The same text saved as UTF-8 (`0xC3 0xA9`) does not.
    pub struct InvalidUtf8 {
        id: "io/invalid-utf8",
        severity: Warning,
        summary: "the file is not valid UTF-8; invalid bytes were replaced and the rest checked",
    }
}
