//! `parse`: the whole embedded corpus from source text to the in-memory model.

use criterion::{criterion_group, criterion_main, Criterion};

fn parse(c: &mut Criterion) {
    c.bench_function("parse", |b| {
        b.iter(|| kwx::corpus::load_embedded().expect("embedded corpus parses"))
    });
}

criterion_group!(benches, parse);
criterion_main!(benches);
