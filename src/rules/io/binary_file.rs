//! `io/binary-file`: reported by the loader, not by a check.

crate::declare_rule! {
    /// ## What it does
    /// Skips files that contain a NUL byte, which no prose document does.
    ///
    /// ## Why is this bad?
    /// It is not: it tells you the file was not checked, so that a PDF or image that slipped into the corpus is not silently passed.
    ///
    /// ## Example
    /// A `.txt` file that is really a PDF triggers it; a UTF-8 text file does not.
    pub struct BinaryFile {
        id: "io/binary-file",
        severity: Info,
        summary: "the file contains NUL bytes and was skipped as binary",
    }
}
