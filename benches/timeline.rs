//! Extracting every dated event of the embedded corpus.

use criterion::{criterion_group, criterion_main, Criterion};

fn timeline(c: &mut Criterion) {
    let corpus = kwx::corpus::load_embedded().expect("embedded corpus");
    println!("events: {}", kwx::timeline::events(&corpus).len());
    c.bench_function("timeline_extract", |b| {
        b.iter(|| kwx::timeline::events(&corpus))
    });
}

criterion_group!(benches, timeline);
criterion_main!(benches);
