//! Query latency on the shipped FAQ: one question through analysis, search and decision.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use faqbot::config::Settings;
use faqbot::engine::Engine;

/// The allocator the binary runs with (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        (
            "chat_60_words",
            "Hi all, my husband is 58 with DLBCL, second relapse, and he had his CAR T cells put back \
             in last Tuesday at the centre. The nurses keep talking about CRS and watching him closely. \
             His temp was 37.6 this morning. What is CRS exactly, how serious can it get, and what \
             should we watch for at home? Thanks x",
        ),
    ] {
        group.bench_function(name, |b| b.iter(|| engine.ask(black_box(question))));
    }
    group.finish();
}

/// The urgent-symptom check alone: it runs on every message, before any answer is looked for.
fn safety_check(c: &mut Criterion) {
    let rules = std::fs::read_to_string("faq/safety.toml").unwrap();
    let safety = faqbot::safety::Safety::parse("faq/safety.toml", &rules).unwrap();
    let message = "Hi, my husband had his CAR T infusion nine days ago and we are staying near the \
        hospital. He had no fever last week, but since this morning he seems muddled, keeps asking \
        what day it is, and his temp was 38.4 an hour ago. He says he feels fine and is just tired. \
        Is this something we should call about tonight or can it wait?";
    c.bench_function("safety/60_words", |b| {
        b.iter(|| safety.check(black_box(message)))
    });
}

criterion_group!(benches, shipped_faq, safety_check);
criterion_main!(benches);
