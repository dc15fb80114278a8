//! The corpus: loading (embedded or from a directory), the parsed model and the parsers.

pub mod abbreviations;
pub mod cache;
pub mod citations;
pub mod dates;
pub mod manifest;
pub mod model;
pub mod months;
pub mod parse;

use rayon::prelude::*;
use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

pub use model::*;

pub use cache::{Cache, EntryKey, Stored};
use manifest::{DocumentEntry, Manifest, MANIFEST_FILE};

/// The corpus shipped inside the binary.
const EMBEDDED_MANIFEST: &str = include_str!("../../corpus/corpus.toml");
const EMBEDDED_FILES: &[(&str, &str)] = &[
    (
        "000_1124eec32e2a075a.txt",
        include_str!("../../corpus/000_1124eec32e2a075a.txt"),
    ),
    (
        "003_d678dab491f7d799.txt",
        include_str!("../../corpus/003_d678dab491f7d799.txt"),
    ),
];

/// Why a corpus could not be loaded. Always names the file at fault.
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    /// 1-based line and column, where the problem has one.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => write!(
                f,
                "{}:{}:{}: {}",
                self.path.display(),
                line,
                col,
                self.message
            ),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        LoadError {
            path: path.into(),
            position: None,
            message: message.into(),
        }
    }
}

/// Parses the embedded corpus.
pub fn load_embedded() -> Result<Corpus, LoadError> {
    load_from_memory(EMBEDDED_MANIFEST, EMBEDDED_FILES)
}

/// Parses a corpus held in memory: a manifest and its files by name (the embedded corpus, and
/// the fuzz targets).
pub fn load_from_memory(manifest: &str, files: &[(&str, &str)]) -> Result<Corpus, LoadError> {
    let base = Path::new("<embedded>/corpus");
    build(&base.join(MANIFEST_FILE), manifest, None, None, |name| {
        files
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| Cow::Borrowed(*text))
            .ok_or_else(|| LoadError::new(base.join(name), "not embedded in this binary"))
    })
}

/// The largest text file kwx reads: a thesis is a few MB; anything past this is not a text of
/// the kind kwx reads (or a device such as /dev/zero behind a symlink).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads and parses a corpus directory laid out like `corpus/`.
pub fn load_dir(dir: &Path) -> Result<Corpus, LoadError> {
    load_dir_with(dir, None, None)
}

/// [`load_dir`], taking what `cache` kept of each text's repairs from earlier runs and keeping
/// what it finds anew.
pub fn load_dir_cached(dir: &Path, cache: Option<&Cache>) -> Result<Corpus, LoadError> {
    load_dir_with(dir, None, cache)
}

/// [`load_dir_cached`] reading only the document with id `only` (the first in the manifest if
/// there is none such), for a first frame that does not wait for a whole library. The manifest
/// is checked whole all the same. Also says how many documents the manifest lists.
pub fn load_dir_one(
    dir: &Path,
    only: Option<&str>,
    cache: Option<&Cache>,
) -> Result<(Corpus, usize), LoadError> {
    let mut listed = 0;
    let corpus = load_dir_with(dir, Some((only, &mut listed)), cache)?;
    Ok((corpus, listed))
}

fn load_dir_with(
    dir: &Path,
    only: Option<(Option<&str>, &mut usize)>,
    cache: Option<&Cache>,
) -> Result<Corpus, LoadError> {
    let (root, manifest_path, manifest_text) = open_dir(dir)?;
    let kept = cache.map(|cache| (cache, root.as_path()));
    build(&manifest_path, &manifest_text, only, kept, |name| {
        read_text(&root, &dir.join(name)).map(Cow::Owned)
    })
}

/// A corpus directory's resolved path, its manifest's path and the manifest's text.
fn open_dir(dir: &Path) -> Result<(PathBuf, PathBuf, String), LoadError> {
    let meta = std::fs::metadata(dir).map_err(|e| LoadError::new(dir, io_message(&e)))?;
    if !meta.is_dir() {
        return Err(LoadError::new(dir, "not a directory"));
    }
    // Files must resolve inside this directory, whatever symlinks lie on the way.
    let root = dir
        .canonicalize()
        .map_err(|e| LoadError::new(dir, io_message(&e)))?;
    std::fs::read_dir(&root).map_err(|e| {
        LoadError::new(
            dir,
            format!("cannot list the directory ({})", io_message(&e)),
        )
    })?;
    let manifest_path = dir.join(MANIFEST_FILE);
    if std::fs::symlink_metadata(&manifest_path).is_err() {
        return Err(LoadError::new(
            dir,
            format!("no {MANIFEST_FILE} in this directory (is it a kwx corpus?)"),
        ));
    }
    let manifest_text = read_text(&root, &manifest_path)?;
    Ok((root, manifest_path, manifest_text))
}

fn parse_manifest(manifest_path: &Path, manifest_text: &str) -> Result<Manifest, LoadError> {
    Manifest::parse(manifest_text).map_err(|e| LoadError {
        path: manifest_path.to_path_buf(),
        position: Some((e.line, e.column)),
        message: e.message,
    })
}

/// What a command derives from each document of a directory, in manifest order, and the
/// manifest's timeline range.
pub struct PerDocument<T> {
    pub timeline: (i32, i32),
    /// Each document's metadata from the manifest, parallel to `documents`.
    pub metas: Vec<DocumentMeta>,
    pub documents: Vec<T>,
}

/// `make(document)` for each document of the directory's manifest: taken from `cache` where
/// the document's text is unchanged since it was stored, else read, parsed, made and stored.
/// Files are checked as [`load_dir`] checks them, and a failure names the same file.
pub fn per_document<T>(
    dir: &Path,
    cache: Option<&Cache>,
    product: &str,
    make: impl Fn(&Document) -> T + Sync,
) -> Result<PerDocument<T>, LoadError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Send,
{
    each_document(dir, cache, product, Cache::get, make, Cache::put)
}

/// [`per_document`] with each product left serialised, for a caller that reads it in place.
/// A product made afresh is serialised too, so every document is read the same way. An
/// entry that does not decode is the caller's to make again (see [`load_dir_one`]).
pub fn per_document_stored<T: serde::Serialize>(
    dir: &Path,
    cache: Option<&Cache>,
    product: &str,
    make: impl Fn(&Document) -> T + Sync,
) -> Result<PerDocument<Stored>, LoadError> {
    let make = |document: &Document| {
        Stored::of(&make(document))
            .ok_or_else(|| LoadError::new(dir, format!("could not serialise its {product}")))
    };
    let stored = each_document(
        dir,
        cache,
        product,
        |cache, key| cache.get_stored(key).map(Ok),
        make,
        |cache, key, made| {
            if let Ok(made) = made {
                cache.put_stored(key, made)
            }
        },
    )?;
    Ok(PerDocument {
        timeline: stored.timeline,
        metas: stored.metas,
        documents: stored.documents.into_iter().collect::<Result<_, _>>()?,
    })
}

/// The one way a directory's documents are read for a lookup: `hit` an entry of the
/// cache, else parse the text, `make` the product and `store` it.
fn each_document<T: Send>(
    dir: &Path,
    cache: Option<&Cache>,
    product: &str,
    hit: impl Fn(&Cache, &EntryKey) -> Option<T> + Sync,
    make: impl Fn(&Document) -> T + Sync,
    store: impl Fn(&Cache, &EntryKey, &T) + Sync,
) -> Result<PerDocument<T>, LoadError> {
    let (root, manifest_path, manifest_text) = open_dir(dir)?;
    let manifest = parse_manifest(&manifest_path, &manifest_text)?;
    // Whether anything new was stored, and so whether entries of texts now gone are looked for.
    let stored = std::sync::atomic::AtomicBool::new(false);
    let documents = manifest
        .documents
        .par_iter()
        .map(|entry| {
            let path = dir.join(&entry.file);
            let key = cache.and_then(|_| key_of(&root, &path, product, entry));
            if let (Some(cache), Some(key)) = (cache, &key) {
                if let Some(made) = hit(cache, key) {
                    return Ok(made);
                }
            }
            let repairs =
                cache.map(|c| (c, key_of(&root, &path, parse::Possessives::PRODUCT, entry)));
            let text = read_text(&root, &path)?;
            let (document, _) = parse_entry(repairs, entry, &path, &text)?;
            drop(text);
            let made = make(&document);
            if let (Some(cache), Some(key)) = (cache, &key) {
                store(cache, key, &made);
                stored.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            Ok(made)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(cache) = cache.filter(|_| stored.into_inner()) {
        cache.forget_missing_texts();
    }
    Ok(PerDocument {
        timeline: (manifest.timeline.from, manifest.timeline.to),
        metas: manifest.documents.iter().map(meta_of).collect(),
        documents,
    })
}

fn build<'a>(
    manifest_path: &Path,
    manifest_text: &str,
    // Only this document (or the first), and where to say how many the manifest lists.
    only: Option<(Option<&str>, &mut usize)>,
    // Where each text's repairs are kept between runs, and the directory's resolved path.
    kept: Option<(&Cache, &Path)>,
    // Texts in memory are borrowed, not copied: the parser only reads them.
    read: impl Fn(&str) -> Result<Cow<'a, str>, LoadError> + Sync,
) -> Result<Corpus, LoadError> {
    let mut manifest = parse_manifest(manifest_path, manifest_text)?;
    if let Some((id, listed)) = only {
        *listed = manifest.documents.len();
        let keep = id
            .and_then(|id| manifest.documents.iter().position(|d| d.id == id))
            .unwrap_or(0);
        manifest.documents = manifest.documents.drain(..).skip(keep).take(1).collect();
    }
    let dir = manifest_path.parent().unwrap_or(Path::new("."));
    // Whether a text's evidence was stored, and so whether entries of texts now gone are
    // looked for.
    let stored_any = std::sync::atomic::AtomicBool::new(false);
    // Documents are read and parsed in parallel, each text dropped once parsed (a library's
    // texts are not all held at once); the first failure in manifest order is the one
    // reported.
    let documents = manifest
        .documents
        .par_iter()
        .map(|entry| {
            let path = dir.join(&entry.file);
            let repairs = kept.map(|(cache, root)| {
                (
                    cache,
                    key_of(root, &path, parse::Possessives::PRODUCT, entry),
                )
            });
            let text = read(&entry.file)?;
            let (document, stored) = parse_entry(repairs, entry, &path, &text)?;
            stored_any.fetch_or(stored, std::sync::atomic::Ordering::Relaxed);
            Ok(document)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    if let Some((cache, _)) = kept.filter(|_| stored_any.into_inner()) {
        cache.forget_missing_texts();
    }
    Ok(Corpus::new(
        documents,
        (manifest.timeline.from, manifest.timeline.to),
    ))
}

/// Parses `text`, read from `path`. With `repairs` (the cache, and the key of the text's
/// possessive evidence, taken before the text was read so that a text changed meanwhile is a
/// miss next time), the evidence kept from an earlier run is used, or what is found is kept;
/// says whether it was.
fn parse_entry(
    repairs: Option<(&Cache, Option<EntryKey>)>,
    entry: &DocumentEntry,
    path: &Path,
    text: &str,
) -> Result<(Document, bool), LoadError> {
    let (cache, key) = repairs.unzip();
    let key = key.flatten();
    let known = cache.zip(key.as_ref()).and_then(|(c, k)| c.get(k));
    let found_before = known.is_some();
    let (document, possessives) =
        parse::parse_document_with(meta_of(entry), entry.format, text, known)
            .map_err(|message| LoadError::new(path, message))?;
    let store = cache.zip(key.as_ref()).filter(|_| !found_before);
    if let Some((cache, key)) = store {
        cache.put(key, &possessives);
    }
    Ok((document, store.is_some()))
}

/// The cache key of `product` for the text at `path`, if it is one [`read_text`] would read.
fn key_of(root: &Path, path: &Path, product: &str, entry: &DocumentEntry) -> Option<EntryKey> {
    let real = path.canonicalize().ok()?;
    let meta = std::fs::metadata(&real).ok()?;
    // Anything read_text would refuse is left for it to refuse.
    let readable = real.starts_with(root) && meta.is_file();
    readable.then(|| EntryKey::new(product, &real, &meta, entry))?
}

/// Per document of the directory's manifest, in order, the cache key of `product` for its text
/// as it is now: taken before the texts are read, so that what is stored under a key was made
/// from that text or a later one (a later one's key differs, and is a miss next time). Empty
/// if the manifest cannot be read.
pub fn entry_keys(dir: &Path, product: &str) -> Vec<Option<EntryKey>> {
    let Ok((root, manifest_path, manifest_text)) = open_dir(dir) else {
        return Vec::new();
    };
    let Ok(manifest) = parse_manifest(&manifest_path, &manifest_text) else {
        return Vec::new();
    };
    manifest
        .documents
        .iter()
        .map(|entry| key_of(&root, &dir.join(&entry.file), product, entry))
        .collect()
}

fn meta_of(entry: &DocumentEntry) -> DocumentMeta {
    DocumentMeta {
        id: entry.id.clone(),
        title: entry.title.clone(),
        author: entry.author.clone(),
        year: entry
            .year
            .or_else(|| entry.date.as_deref().and_then(|d| d.get(..4)?.parse().ok())),
        date: entry.date.clone(),
        kind: entry.kind,
        known_issues: entry.known_issues.clone(),
    }
}

/// Reads a UTF-8 text file that must be a regular file inside `root` (after following
/// symlinks) and at most [`MAX_FILE_BYTES`] long; refuses binary and empty files with a message
/// that says which.
fn read_text(root: &Path, path: &Path) -> Result<String, LoadError> {
    use std::io::Read;
    let fail = |message: String| LoadError::new(path, message);
    let real = path.canonicalize().map_err(|e| fail(io_message(&e)))?;
    if !real.starts_with(root) {
        return Err(fail(format!(
            "resolves to {}, outside the corpus directory",
            real.display()
        )));
    }
    // Checked before opening: opening a FIFO would block until a writer came.
    let meta = std::fs::metadata(&real).map_err(|e| fail(io_message(&e)))?;
    if !meta.is_file() {
        return Err(fail("not a regular file".to_string()));
    }
    let file = open_no_block(&real).map_err(|e| fail(io_message(&e)))?;
    // Checked again on the open file: the path may have been swapped in between.
    let meta = file.metadata().map_err(|e| fail(io_message(&e)))?;
    if !meta.is_file() {
        return Err(fail("not a regular file".to_string()));
    }
    let too_big = || {
        fail(format!(
            "larger than {} MB, the most kwx reads from one file",
            MAX_FILE_BYTES / (1024 * 1024)
        ))
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    validate_text(&bytes).map_err(|(position, message)| LoadError {
        path: path.to_path_buf(),
        position,
        message,
    })
}

#[cfg(unix)]
pub(crate) fn open_no_block(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
pub(crate) fn open_no_block(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// Checks that `bytes` are non-empty UTF-8 text; on failure gives the position and the reason.
pub fn validate_text(bytes: &[u8]) -> Result<String, (Option<(usize, usize)>, String)> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err((None, "the file is empty".to_string()));
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        // Counted in the text before the NUL, which may itself hold invalid bytes.
        let before = String::from_utf8_lossy(&bytes[..nul]);
        let (line, col) = manifest::line_col(&before, before.len());
        return Err((
            Some((line, col)),
            "binary file (NUL byte), expected UTF-8 text".to_string(),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let text = String::from_utf8_lossy(good);
            let (line, col) = manifest::line_col(&text, text.len());
            Err((
                Some((line, col)),
                format!(
                    "invalid UTF-8 at byte {}; kwx reads UTF-8 text only",
                    e.valid_up_to()
                ),
            ))
        }
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_empty_binary_and_non_utf8() {
        assert_eq!(validate_text(b"  \n").unwrap_err().1, "the file is empty");
        assert!(validate_text(b"abc\0def").unwrap_err().1.contains("binary"));
        // Found by fuzzing: invalid bytes before the NUL.
        let (pos, _) = validate_text(b"a\xff\xfe\nbc\0").unwrap_err();
        assert_eq!(pos, Some((2, 3)));
        let (pos, msg) = validate_text(b"ok\nbad \xff here").unwrap_err();
        assert_eq!(pos, Some((2, 5)));
        assert!(msg.contains("invalid UTF-8"));
    }

    #[test]
    fn embedded_corpus_loads() {
        let corpus = load_embedded().unwrap();
        assert_eq!(corpus.documents.len(), 2);
        assert_eq!(corpus.timeline, (1945, 1953));
    }
}
