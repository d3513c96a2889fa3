//! Query latency and index build time on synthetic FAQs of 100 to 100 000 entries, the indexed matcher
//! beside the exhaustive one.

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use faqbot::config::Settings;
use faqbot::engine::Engine;
use faqbot::search::matcher;
use faqbot::search::query;

/// The allocator the binary runs with (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SIZES: &[usize] = &[100, 1_000, 10_000, 100_000];
const SEED: u64 = 42;
const QUESTIONS: usize = 64;

fn scale(c: &mut Criterion) {
    let matching = Settings::default().matching;
    let mut build = c.benchmark_group("build");
    build
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for &size in SIZES {
        let faq = synthetic::faq(size, SEED);
        build.bench_with_input(BenchmarkId::from_parameter(size), &faq, |b, faq| {
            // The FAQ is copied outside the timing: only indexing is measured.
            b.iter_batched(
                || faq.clone(),
                |faq| Engine::new(black_box(faq), matching.clone()),
                BatchSize::LargeInput,
            )
        });
    }
    build.finish();

    let mut group = c.benchmark_group("query");
    for &size in SIZES {
        let faq = synthetic::faq(size, SEED);
        let questions = synthetic::questions(&faq, QUESTIONS, SEED + 1);
        let engine = Engine::new(faq, matching.clone());
        let mut next = 0;
        group.bench_with_input(BenchmarkId::new("indexed", size), &engine, |b, engine| {
            b.iter(|| {
                next = (next + 1) % QUESTIONS;
                engine.ask(black_box(&questions[next]))
            })
        });
        let weights = matching.weights;
        group.bench_with_input(
            BenchmarkId::new("exhaustive", size),
            &engine,
            |b, engine| {
                b.iter(|| {
                    next = (next + 1) % QUESTIONS;
                    let query =
                        query::analyse(engine.index(), black_box(&questions[next]), &weights);
                    matcher::search_exhaustive(engine.index(), &query, &weights)
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
