//! `io/special-file`: reported by the loader, not by a check.

crate::declare_rule! {
    /// ## What it does
    /// Reports FIFOs, sockets and device files named on the command line or found in a folder. They are never opened: reading a FIFO would block the run forever.
    ///
    /// ## Why is this bad?
    /// It is not: it says why the path was not checked.
    ///
    /// ## Example
    /// `mkfifo corpus/pipe` triggers it; a regular file does not.
    pub struct SpecialFile {
        id: "io/special-file",
        severity: Info,
        summary: "a FIFO, socket or device was found and not opened",
    }
}
