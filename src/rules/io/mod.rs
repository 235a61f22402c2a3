//! `io/*`: problems reading input. The loader reports these, not a check: a
//! file that cannot be read or decoded becomes a diagnostic for that file,
//! and every other file is still checked.

crate::family_rules! {
    invalid_utf8::InvalidUtf8,
    binary_file::BinaryFile,
    unreadable::Unreadable,
    broken_symlink::BrokenSymlink,
    symlink_loop::SymlinkLoop,
    special_file::SpecialFile,
    internal_error::InternalError,
}
