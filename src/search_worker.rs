//! Ranking off the UI thread, for corpora large enough that a keystroke's ranking would hold
//! up the next frame. Each request carries a generation; a newer request cancels older work
//! between chunks, and results of a superseded generation are never sent.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc};

use crate::search::{Hit, Index, Query, Searcher};

/// From this many notes on the explorer ranks in the worker; below, on the spot (a fresh query
/// over the embedded corpus's 766 notes takes about 0.6 ms).
pub const WORKER_THRESHOLD: usize = 5_000;

pub struct SearchWorker {
    requests: mpsc::Sender<(u64, Query)>,
    latest: Arc<AtomicU64>,
}

impl SearchWorker {
    /// Starts the worker; `deliver` is called on the worker thread with each finished ranking
    /// (generation, hits) and returns `false` once nobody listens any more.
    pub fn spawn(
        index: Arc<Index>,
        deliver: impl Fn(u64, Vec<Hit>) -> bool + Send + 'static,
    ) -> SearchWorker {
        let (requests, inbox) = mpsc::channel::<(u64, Query)>();
        let latest = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&latest);
        std::thread::spawn(move || {
            let mut searcher = Searcher::default();
            while let Ok(mut request) = inbox.recv() {
                // Only the newest of the queued requests matters.
                while let Ok(newer) = inbox.try_recv() {
                    request = newer;
                }
                let (generation, query) = request;
                let cancelled = || seen.load(Ordering::Relaxed) != generation;
                if let Some(hits) = searcher.search_unless(&index, &query, cancelled) {
                    if !cancelled() && !deliver(generation, hits) {
                        break;
                    }
                }
            }
        });
        SearchWorker { requests, latest }
    }

    /// Asks for a ranking; any older request still running stops at its next check.
    pub fn request(&self, generation: u64, query: Query) {
        self.latest.store(generation, Ordering::Relaxed);
        let _ = self.requests.send((generation, query));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_newest_request_is_answered() {
        let corpus = crate::corpus::load_embedded().unwrap();
        let index = Arc::new(Index::new(&corpus));
        let (tx, rx) = mpsc::channel();
        let worker = SearchWorker::spawn(Arc::clone(&index), move |g, hits| {
            tx.send((g, hits)).is_ok()
        });
        for (g, q) in ["s", "sh", "sht", "shtykov"].iter().enumerate() {
            worker.request(g as u64 + 1, Query::parse(q));
        }
        let (generation, hits) = rx.recv().unwrap();
        // Older generations may finish before the newest arrives, but the last answer is it.
        let mut last = (generation, hits);
        while let Ok(next) = rx.recv_timeout(std::time::Duration::from_millis(300)) {
            last = next;
        }
        assert_eq!(last.0, 4);
        let expected = Searcher::default().search(&index, &Query::parse("shtykov"));
        assert_eq!(last.1, expected);
    }
}
