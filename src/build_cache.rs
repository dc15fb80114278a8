//! What a build from a `--corpus` directory keeps of each document between runs (its notes'
//! citations, its dated events), under keys taken before its text was read and checked after,
//! so a text that changed meanwhile is neither taken from nor kept in the cache. Used by the
//! explorer's background build and by the lookups that read a whole library.

use std::sync::atomic::{AtomicBool, Ordering};

/// Where the background build finds and keeps each document's citations and events: the
/// cache, with every document's keys taken before its text was read.
pub struct BuildCache {
    cache: crate::corpus::Cache,
    citations: Vec<Option<crate::corpus::EntryKey>>,
    events: Vec<Option<crate::corpus::EntryKey>>,
    /// Whether anything new was stored (then entries of texts now gone are looked for).
    stored: AtomicBool,
}

/// What the build keeps of a document, and under which of its keys.
pub trait Kept: serde::Serialize + serde::de::DeserializeOwned {
    fn keys(kept: &BuildCache) -> &[Option<crate::corpus::EntryKey>];
}

impl Kept for crate::corpus::CitedNotes {
    fn keys(kept: &BuildCache) -> &[Option<crate::corpus::EntryKey>] {
        &kept.citations
    }
}

impl Kept for crate::timeline::DocumentEvents {
    fn keys(kept: &BuildCache) -> &[Option<crate::corpus::EntryKey>] {
        &kept.events
    }
}

impl BuildCache {
    pub fn new(cache: crate::corpus::Cache, dir: &std::path::Path) -> BuildCache {
        use crate::corpus::{entry_keys, CitedNotes};
        BuildCache {
            cache,
            citations: entry_keys(dir, CitedNotes::PRODUCT),
            events: entry_keys(dir, crate::timeline::DocumentEvents::PRODUCT),
            stored: AtomicBool::new(false),
        }
    }

    /// Only the keys that are still the same now.
    pub fn unchanged_since(self, dir: &std::path::Path) -> BuildCache {
        let now = BuildCache::new(self.cache.clone(), dir);
        let same = |before: Vec<Option<crate::corpus::EntryKey>>, now: &[Option<_>]| {
            before
                .into_iter()
                .enumerate()
                .map(|(d, key)| key.filter(|k| now.get(d) == Some(&Some(k.clone()))))
                .collect()
        };
        BuildCache {
            citations: same(self.citations, &now.citations),
            events: same(self.events, &now.events),
            cache: self.cache,
            stored: AtomicBool::new(false),
        }
    }

    /// What the cache kept of document `doc`, else `make()`, kept for the next run.
    pub fn kept_or_made<T: Kept>(&self, doc: usize, make: impl FnOnce() -> T) -> T {
        self.kept(doc).unwrap_or_else(|| {
            let made = make();
            self.keep(doc, &made);
            made
        })
    }

    /// What the cache kept of document `doc`.
    pub fn kept<T: Kept>(&self, doc: usize) -> Option<T> {
        let key = T::keys(self).get(doc).and_then(Option::as_ref)?;
        self.cache.get(key)
    }

    /// Keeps what was made of document `doc` for the next run.
    pub fn keep<T: Kept>(&self, doc: usize, made: &T) {
        if let Some(key) = T::keys(self).get(doc).and_then(Option::as_ref) {
            self.cache.put(key, made);
            self.stored.store(true, Ordering::Relaxed);
        }
    }

    /// Once the build is over: the entries of texts now gone go, if anything new was stored.
    pub fn tidy(&self) {
        if self.stored.load(Ordering::Relaxed) {
            self.cache.forget_missing_texts();
        }
    }
}
