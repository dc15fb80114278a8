//! What a lookup command derives from one document of a `--corpus` directory (its contents,
//! its dated events, its notes' citations), kept between runs so that a library of hundreds
//! of texts is not parsed again for every `kwx toc`.
//!
//! An entry is used only while everything it was made from is unchanged: the text file (path,
//! length, modification and change times, inode), its manifest entry and the kwx binary
//! itself (so a new parser never reads an old parser's results). Entries are written whole to
//! a temporary file and renamed into place; one that cannot be read or decoded is a miss. The
//! cache is a convenience: failing to write it is never an error.

use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Where entries are kept: `$KWX_CACHE_DIR`, else `$XDG_CACHE_HOME/kwx`, else
/// `$HOME/.cache/kwx`.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The user's cache, or `None` when no directory is known or the binary cannot be
    /// identified (entries could then outlive the parser that made them).
    pub fn user() -> Option<Cache> {
        binary_identity()?;
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let dir = var("KWX_CACHE_DIR")
            .map(PathBuf::from)
            .or_else(|| var("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("kwx")))
            .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".cache").join("kwx")))?;
        Some(Cache { dir })
    }

    /// A cache in `dir` (tests, and anyone who wants one elsewhere).
    pub fn at(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    /// One document's `product`, if it was stored from exactly these inputs.
    pub fn get<T: DeserializeOwned>(&self, key: &EntryKey) -> Option<T> {
        postcard::from_bytes(self.get_stored(key)?.body()).ok()
    }

    /// One document's `product` as stored, for a caller that reads it in place (its strings
    /// borrowed from the bytes rather than each allocated); `None` as for [`Cache::get`].
    pub fn get_stored(&self, key: &EntryKey) -> Option<Stored> {
        let bytes = read_entry(&self.path_of(key), u64::MAX)?;
        let (stored, rest) = postcard::take_from_bytes::<EntryKey>(&bytes).ok()?;
        if stored != *key {
            return None;
        }
        let body = bytes.len() - rest.len();
        Some(Stored { bytes, body })
    }

    /// Stores one document's `product`, replacing what the same file's entry held before (a
    /// cache holds one entry per text and product, however often the text changes).
    pub fn put<T: Serialize>(&self, key: &EntryKey, value: &T) {
        if let Some(stored) = Stored::of(value) {
            self.put_stored(key, &stored);
        }
    }

    /// [`Cache::put`] for a product already serialised.
    pub fn put_stored(&self, key: &EntryKey, value: &Stored) {
        let Ok(mut bytes) = postcard::to_stdvec(key) else {
            return;
        };
        bytes.extend_from_slice(value.body());
        let path = self.path_of(key);
        let temporary = path.with_extension(format!("tmp{}", std::process::id()));
        let written = create_private_dir(&self.dir)
            .and_then(|_| std::fs::File::create(&temporary))
            .and_then(|mut f| f.write_all(&bytes))
            .and_then(|_| std::fs::rename(&temporary, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
    }

    /// Removes the entries of texts that no longer exist (a library deleted, a scratch copy
    /// gone), so the cache holds no more than the texts still on disk. Called after a run
    /// stored something new; unreadable entries are left alone.
    pub fn forget_missing_texts(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            // The key leads the entry and is small (a path and a manifest entry).
            let Some(head) = read_entry(&path, KEY_READ_LIMIT) else {
                continue;
            };
            if let Ok((key, _)) = postcard::take_from_bytes::<EntryKey>(&head) {
                if !Path::new(&key.file).exists() {
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
    }

    fn path_of(&self, key: &EntryKey) -> PathBuf {
        let mut h = rustc_hash::FxHasher::default();
        key.file.hash(&mut h);
        self.dir
            .join(format!("{}-{:016x}", key.product, h.finish()))
    }
}

/// The cache directory, made readable by its owner only (as the XDG base directory
/// specification asks): it holds what the texts say.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Up to `limit` bytes of the entry at `path`, if it is a regular file (never a FIFO or a
/// device put in its place, which would block or never end) that can be read.
fn read_entry(path: &Path, limit: u64) -> Option<Vec<u8>> {
    use std::io::Read;
    if !std::fs::symlink_metadata(path).ok()?.is_file() {
        return None;
    }
    let file = super::open_no_block(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() {
        return None;
    }
    // Sized once (grown by doubling, a library's entries were copied and faulted in twice),
    // but never reserved beyond what an entry of the largest text could need: a file claiming
    // terabytes is read until memory says no, not reserved up front.
    let expected = meta.len().min(limit).min(ENTRY_RESERVE_LIMIT) + 1;
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    file.take(limit).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// The most reserved up front for an entry: four times the largest text kwx reads.
const ENTRY_RESERVE_LIMIT: u64 = 4 * super::MAX_FILE_BYTES;

/// How much of an entry is read to find its key when pruning.
const KEY_READ_LIMIT: u64 = 64 * 1024;

/// A product serialised as an entry stores it: read from the cache, or made and serialised.
#[derive(Debug, Clone)]
pub struct Stored {
    bytes: Vec<u8>,
    /// Where the product starts in `bytes` (after the entry's key).
    body: usize,
}

impl Stored {
    /// `value` serialised; `None` only if serde refuses it.
    pub fn of<T: Serialize>(value: &T) -> Option<Stored> {
        let bytes = postcard::to_stdvec(value).ok()?;
        Some(Stored { bytes, body: 0 })
    }

    /// The product's bytes, to decode (borrowing from them where the type does).
    pub fn body(&self) -> &[u8] {
        self.bytes.get(self.body..).unwrap_or_default()
    }
}

/// Everything an entry was made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryKey {
    product: String,
    binary: (u64, i128),
    file: String,
    length: u64,
    modified: i128,
    changed: i128,
    inode: u64,
    /// The manifest entry as read (its id, title and author appear in what is derived).
    entry: String,
}

impl EntryKey {
    /// The key of `product` for the text at `path` (resolved) with metadata `meta`, listed by
    /// the manifest entry `entry`. `None` if the binary cannot be identified.
    pub fn new(
        product: &str,
        path: &Path,
        meta: &std::fs::Metadata,
        entry: &impl std::fmt::Debug,
    ) -> Option<EntryKey> {
        let (changed, inode) = change_time_and_inode(meta);
        Some(EntryKey {
            product: product.to_string(),
            binary: binary_identity()?,
            file: path.to_string_lossy().into_owned(),
            length: meta.len(),
            modified: nanos(meta.modified().ok()),
            changed,
            inode,
            entry: format!("{entry:?}"),
        })
    }
}

/// The running binary's length and modification time: a rebuilt kwx has new ones.
fn binary_identity() -> Option<(u64, i128)> {
    static ID: OnceLock<Option<(u64, i128)>> = OnceLock::new();
    *ID.get_or_init(|| {
        let meta = std::env::current_exe().ok()?.metadata().ok()?;
        Some((meta.len(), nanos(meta.modified().ok())))
    })
}

fn nanos(t: Option<std::time::SystemTime>) -> i128 {
    t.and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(-1, |d| d.as_nanos() as i128)
}

#[cfg(unix)]
fn change_time_and_inode(meta: &std::fs::Metadata) -> (i128, u64) {
    use std::os::unix::fs::MetadataExt;
    (
        meta.ctime() as i128 * 1_000_000_000 + meta.ctime_nsec() as i128,
        meta.ino(),
    )
}

#[cfg(not(unix))]
fn change_time_and_inode(_meta: &std::fs::Metadata) -> (i128, u64) {
    (-1, 0)
}
