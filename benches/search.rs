//! Re-ranking every note of the corpus for one keystroke, and the same over a synthetic corpus
//! of 100 times the notes.

use criterion::{criterion_group, criterion_main, Criterion};
use kwx::search::{Index, Query, Searcher};

fn keystrokes(c: &mut Criterion) {
    let corpus = kwx::corpus::load_embedded().expect("embedded corpus");
    let index = Index::new(&corpus);
    println!("notes in the corpus: {}", index.entries.len());
    // A query typed one key at a time: each keystroke narrows the last result.
    let typed = "Shtykov Vyshinsky 1949";
    c.bench_function("search_keystroke_extends_query", |b| {
        let mut searcher = Searcher::default();
        b.iter(|| {
            for end in 1..=typed.len() {
                searcher.search(&index, &Query::parse(&typed[..end]));
            }
        })
    });
    // The worst keystroke: a query that shares nothing with the last, so every note is scored.
    for query in ["FRUS", "Shtykov Vyshinsky", "RG 59 1949", "s"] {
        c.bench_function(
            &format!("search_fresh_query_{}", query.replace(' ', "_")),
            |b| {
                let mut searcher = Searcher::default();
                let q = Query::parse(query);
                b.iter(|| {
                    searcher.reset();
                    searcher.search(&index, &q)
                })
            },
        );
    }
}

criterion_group!(benches, keystrokes);
criterion_main!(benches);
