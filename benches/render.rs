//! One full frame of the reader at 200x50, at the top, middle and end of the thesis.

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use kwx::app::state::ReadPosition;
use kwx::app::{update, Action, App};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn app_at(fraction: f64) -> App {
    let corpus = Arc::new(kwx::corpus::load_embedded().expect("embedded corpus"));
    let keymap = kwx::keymap::load(None, None).expect("default keymap");
    let mut app = App::new(corpus, keymap);
    app.reader.doc = 1;
    update(&mut app, Action::Resize(200, 50));
    let blocks = app.layout().expect("laid out").blocks.len();
    app.reader.positions[1] = ReadPosition {
        block: ((blocks - 1) as f64 * fraction) as usize,
        row_in_block: 0,
    };
    update(&mut app, Action::Resize(200, 50));
    app
}

fn render(c: &mut Criterion) {
    let area = Rect::new(0, 0, 200, 50);
    for (name, fraction) in [("top", 0.0), ("middle", 0.5), ("end", 1.0)] {
        let app = app_at(fraction);
        let mut buffer = Buffer::empty(area);
        c.bench_function(&format!("render_200x50_thesis_{name}"), |b| {
            b.iter(|| {
                buffer.reset();
                kwx::ui::render_to(&app, area, &mut buffer);
            })
        });
    }
}

criterion_group!(benches, render);
criterion_main!(benches);
