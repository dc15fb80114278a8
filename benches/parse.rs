//! `parse`: the whole embedded corpus from source text to the in-memory model; `citations`:
//! the citation model alone (every note's works, Ibid. resolved, sources linked).

use criterion::{criterion_group, criterion_main, Criterion};

fn parse(c: &mut Criterion) {
    c.bench_function("parse", |b| {
        b.iter(|| kwx::corpus::load_embedded().expect("embedded corpus parses"))
    });
    let corpus = kwx::corpus::load_embedded().expect("embedded corpus parses");
    // The table's patterns compile once per process, as in the binary; not part of a build.
    kwx::corpus::citations::Table::get();
    c.bench_function("citations", |b| {
        b.iter(|| {
            let docs: Vec<&kwx::corpus::Document> = corpus.documents.iter().collect();
            let works = kwx::corpus::citations::cite_documents(&docs);
            let slices: Vec<&[Vec<kwx::corpus::citations::Work>]> =
                works.iter().map(Vec::as_slice).collect();
            kwx::corpus::citations::link_sources(&slices)
        })
    });
}

criterion_group!(benches, parse);
criterion_main!(benches);
