//! The files of a run, by id.
//!
//! Every input gets a [`FileId`] before checking starts; diagnostics carry
//! the id and byte spans, never line numbers or text. After the check phase
//! the database holds the decoded text of the files it was asked to keep
//! (within a memory budget); any other file is read again when a span in it
//! must be resolved, at most once per resolution, and only if it still holds
//! the bytes that were checked ([`Stamp`]). Line/column and snippets are then
//! worked out here and nowhere else.
//!
//! It implements codespan-reporting's [`Files`], so the text renderer draws
//! excerpts from the same decoded text the checks read.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use codespan_reporting::files::{Error as FilesError, Files};
use serde::{Deserialize, Serialize};

use super::{LineCol, Source};

/// A file of the run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FileId(pub u32);

impl FileId {
    /// No file: a finding of the corpus phase that belongs to none.
    pub const NONE: FileId = FileId(u32::MAX);

    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Length and hash of the bytes a file held when it was checked: a file read
/// again is used only if it still matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub len: u64,
    pub hash: u64,
}

impl Stamp {
    pub fn of(bytes: &[u8]) -> Stamp {
        // Eight bytes at a time: cheap next to reading the file.
        let mut h: u64 = bytes.len() as u64;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            h = (h.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        Stamp { len: bytes.len() as u64, hash: h }
    }
}

#[derive(Debug, Clone)]
struct Entry {
    /// As the user gave it, joined with the path below it.
    path: String,
    /// Where to read it again; `None` for text that never was a file.
    disk: Option<PathBuf>,
    stamp: Option<Stamp>,
    text: Arc<Mutex<Option<Arc<Source>>>>,
}

/// The files of a run. Cloning shares the kept texts.
#[derive(Debug, Default, Clone)]
pub struct SourceDb {
    files: Vec<Entry>,
}

impl SourceDb {
    pub fn new() -> SourceDb {
        SourceDb::default()
    }

    /// Registers a file known by its display path and, if it is on disk,
    /// where to read it.
    pub fn add(&mut self, path: impl Into<String>, disk: Option<PathBuf>) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).expect("fewer than 2^32 files"));
        self.files.push(Entry { path: path.into(), disk, stamp: None, text: Arc::new(Mutex::new(None)) });
        id
    }

    /// Registers text held in memory (an editor buffer, a test).
    pub fn add_text(&mut self, path: impl Into<String>, source: Arc<Source>) -> FileId {
        let id = self.add(path, None);
        self.keep(id, source);
        id
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn ids(&self) -> impl Iterator<Item = FileId> {
        (0..self.files.len() as u32).map(FileId)
    }

    pub fn path(&self, id: FileId) -> &str {
        &self.files[id.index()].path
    }

    pub fn disk_path(&self, id: FileId) -> Option<&Path> {
        self.files[id.index()].disk.as_deref()
    }

    /// The id of a display path, if registered.
    pub fn find(&self, path: &str) -> Option<FileId> {
        self.files.iter().position(|f| f.path == path).map(|i| FileId(i as u32))
    }

    /// Records what the file held when it was checked.
    pub fn set_stamp(&mut self, id: FileId, stamp: Stamp) {
        self.files[id.index()].stamp = Some(stamp);
    }

    /// Keeps the decoded text in memory until the database is dropped.
    pub fn keep(&self, id: FileId, source: Arc<Source>) {
        *self.files[id.index()].text.lock().unwrap_or_else(|e| e.into_inner()) = Some(source);
    }

    /// Drops a kept text (it is read again when needed).
    pub fn release(&self, id: FileId) {
        *self.files[id.index()].text.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    fn kept(&self, id: FileId) -> Option<Arc<Source>> {
        self.files[id.index()].text.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The file's text: the kept one, or the file read again (not kept).
    /// `None` when it cannot be read or no longer holds what was checked.
    pub fn load(&self, id: FileId) -> Option<Arc<Source>> {
        if let Some(s) = self.kept(id) {
            return Some(s);
        }
        // Only a file that was read and checked is read again (never a FIFO
        // or device that was skipped), and only if it is unchanged.
        let entry = &self.files[id.index()];
        let stamp = entry.stamp?;
        let bytes = std::fs::read(entry.disk.as_ref()?).ok()?;
        if stamp != Stamp::of(&bytes) {
            return None;
        }
        Some(Arc::new(Source::decode(bytes)))
    }

    /// Like [`SourceDb::load`], keeping what was read.
    pub fn source(&self, id: FileId) -> Option<Arc<Source>> {
        if let Some(s) = self.kept(id) {
            return Some(s);
        }
        let s = self.load(id)?;
        self.keep(id, s.clone());
        Some(s)
    }
}

/// A resolved source text, shared (what [`Files::source`] hands out).
#[derive(Debug, Clone)]
pub struct SharedText(Arc<Source>);

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        self.0.text()
    }
}

impl<'a> Files<'a> for SourceDb {
    type FileId = FileId;
    type Name = &'a str;
    type Source = SharedText;

    fn name(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        self.files.get(id.index()).map(|f| f.path.as_str()).ok_or(FilesError::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<SharedText, FilesError> {
        SourceDb::source(self, id).map(SharedText).ok_or(FilesError::FileMissing)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        Ok(SourceDb::source(self, id).ok_or(FilesError::FileMissing)?.line_of(byte_index))
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        let s = SourceDb::source(self, id).ok_or(FilesError::FileMissing)?;
        if line_index > s.line_count() {
            return Err(FilesError::LineTooLarge { given: line_index, max: s.line_count() - 1 });
        }
        Ok(s.line_start(line_index)..s.line_start(line_index + 1))
    }
}

impl Source {
    /// Line and column of a stored-byte offset.
    pub fn line_col_stored(&self, stored: usize) -> LineCol {
        self.line_col(self.decoded_offset(stored))
    }

    /// The decoded range of a stored-byte range.
    pub fn decoded_span(&self, stored: Range<usize>) -> Range<usize> {
        self.decoded_offset(stored.start)..self.decoded_offset(stored.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_text_is_served_and_changed_files_are_refused() {
        let dir = std::env::temp_dir().join(format!("corpuslint-db-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.txt");
        std::fs::write(&path, "one\ntwo\n").unwrap();
        let mut db = SourceDb::new();
        let id = db.add("a.txt", Some(path.clone()));
        db.set_stamp(id, Stamp::of(b"one\ntwo\n"));
        assert_eq!(db.load(id).unwrap().text(), "one\ntwo\n");
        assert_eq!(db.line_index(id, 5).unwrap(), 1);
        assert_eq!(db.line_range(id, 1).unwrap(), 4..8);
        // Rewritten after the check: the text is not the one checked.
        db.release(id);
        std::fs::write(&path, "changed\n").unwrap();
        assert!(db.load(id).is_none());
        let mem = db.add_text("buffer.md", Arc::new(Source::from_text("# Hi\n")));
        assert_eq!(db.path(mem), "buffer.md");
        assert_eq!(db.load(mem).unwrap().text(), "# Hi\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
