//! Query latency on the shipped FAQ: one question through analysis, search and decision.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use faqbot::config::Settings;
use faqbot::engine::Engine;

fn shipped_faq(c: &mut Criterion) {
    let settings = Settings::default();
    let engine = Engine::load(&settings.faq, settings.matching).unwrap();
    let mut group = c.benchmark_group("shipped_faq");
    for (name, question) in [
        ("exact", "what are the side effects"),
        ("typos", "wat r the side efects of car-t"),
        (
            "paraphrase",
            "will this treatment get cheaper for more people",
        ),
        ("off_topic", "how do i change my phone number"),
    ] {
        group.bench_function(name, |b| b.iter(|| engine.ask(black_box(question))));
    }
    group.finish();
}

criterion_group!(benches, shipped_faq);
criterion_main!(benches);
