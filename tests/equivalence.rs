//! The indexed matcher returns the exhaustive scorer's best entries (all those that can reach the suggest
//! threshold, which are all the engine uses); and an index built on several threads is the one built on one.

#[path = "support/synthetic.rs"]
mod synthetic;

use std::path::{Path, PathBuf};

use faqbot::config::Settings;
use faqbot::engine::Engine;
use faqbot::faq::{EntryPos, Faq};
use faqbot::search::index::Index;
use faqbot::search::matcher::{self, Hit};
use faqbot::search::query;

/// The questions of a `keys<TAB>question` file.
fn questions(file: &str) -> Vec<String> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t').map(|(_, q)| q.to_string()))
        .collect()
}

/// How many best entries the engine keeps, and the tests compare.
const KEEP: usize = 5;

fn above(hits: Vec<Hit>, floor: f32) -> Vec<(EntryPos, f32)> {
    hits.into_iter()
        .take(KEEP)
        .filter(|h| h.score >= floor)
        .map(|h| (h.entry, h.score))
        .collect()
}

fn assert_same(index: &Index, questions: &[String]) {
    let settings = Settings::default();
    let (weights, floor) = (
        settings.matching.weights,
        settings.matching.suggest_threshold,
    );
    assert!(!questions.is_empty());
    for question in questions {
        let query = query::analyse(index, question, &weights);
        let fast = above(matcher::search(index, &query, &weights, floor, KEEP), floor);
        let slow = above(matcher::search_exhaustive(index, &query, &weights), floor);
        assert_eq!(fast.len(), slow.len(), "{question:?}: {fast:?} vs {slow:?}");
        for ((a, sa), (b, sb)) in fast.iter().zip(&slow) {
            assert_eq!(a, b, "{question:?}");
            assert!((sa - sb).abs() < 1e-6, "{question:?}: {sa} vs {sb}");
        }
    }
}

#[test]
fn shipped_faq_on_every_question_set() {
    let settings = Settings::default();
    let engine = Engine::load(&settings.faq, settings.matching).unwrap();
    let mut all = questions("tests/questions/seed.tsv");
    all.extend(questions("tests/safety/messages.tsv"));
    if Path::new("../shared/eval/dev_questions.tsv").exists() {
        all.extend(questions("../shared/eval/dev_questions.tsv"));
    }
    assert_same(engine.index(), &all);
}

/// An engine over the FAQ folder `path` alone, with the default settings.
fn engine_of(path: &str) -> Engine {
    let settings = Settings::default();
    let sources = settings.faq.with_paths(vec![PathBuf::from(path)]);
    Engine::load(&sources, settings.matching).unwrap()
}

#[test]
fn unseen_documents() {
    let engine = engine_of("tests/fixtures/aftercare");
    assert_same(engine.index(), &questions("tests/questions/aftercare.tsv"));
}

/// A FAQ of question headings, whose function words count in the title fit.
#[test]
fn a_large_faq_of_question_headings() {
    let engine = engine_of("tests/fixtures/bigfaq/faq");
    let mut all = questions("tests/questions/bigfaq/titles.tsv");
    all.extend(questions("tests/questions/bigfaq/noisy.tsv"));
    assert_same(engine.index(), &all);
}

#[test]
fn synthetic_faq_with_typos_and_paraphrases() {
    let faq = synthetic::faq(3_000, 7);
    let index = Index::new(&faq);
    assert_same(&index, &synthetic::questions(&faq, 300, 8));
}

#[test]
fn threads_do_not_change_the_index() {
    let mut faq: Faq = synthetic::faq(1_500, 11);
    faq.synonyms = Faq::load(&[PathBuf::from("faq")], &[]).unwrap().synonyms;
    let one = Index::build(&faq, 1);
    let three = Index::build(&faq, 3);
    let weights = Settings::default().matching.weights;
    for question in synthetic::questions(&faq, 200, 12) {
        let a =
            matcher::search_exhaustive(&one, &query::analyse(&one, &question, &weights), &weights);
        let b = matcher::search_exhaustive(
            &three,
            &query::analyse(&three, &question, &weights),
            &weights,
        );
        let a: Vec<(EntryPos, f32)> = a.into_iter().map(|h| (h.entry, h.score)).collect();
        let b: Vec<(EntryPos, f32)> = b.into_iter().map(|h| (h.entry, h.score)).collect();
        assert_eq!(a, b, "{question:?}");
    }
}

#[test]
fn the_generator_gives_the_same_faq_for_the_same_seed() {
    assert_eq!(synthetic::faq(20, 7).entries, synthetic::faq(20, 7).entries);
    assert_ne!(synthetic::faq(20, 7).entries, synthetic::faq(20, 8).entries);
}

#[test]
fn the_generator_keeps_its_promised_shapes() {
    for entry in synthetic::faq(50, 1).entries {
        let title = entry.title.split_whitespace().count();
        let body = entry.body.split_whitespace().count();
        assert!((5..=15).contains(&title), "{title}");
        assert!((50..=200).contains(&body), "{body}");
    }
}

/// Questions that ask for a time, over entries of which some give one: the answer-kind factor is applied
/// after the pruning bounds, which it can only lower.
#[test]
fn questions_asking_how_long_or_how_much_over_entries_some_of_which_give_one() {
    let mut faq = synthetic::faq(3_000, 7);
    for (n, entry) in faq.entries.iter_mut().enumerate() {
        match n % 4 {
            0 => entry.body.push_str(" It takes about two weeks."),
            1 => entry.body.push_str(" It is free."),
            _ => {}
        }
    }
    let index = Index::new(&faq);
    let questions: Vec<String> = synthetic::questions(&faq, 300, 8)
        .into_iter()
        .enumerate()
        .map(|(i, q)| match i % 5 {
            0 => format!("how long {q}"),
            1 => format!("when can i {q}"),
            2 => format!("how many {q}"),
            3 => format!("how long and how much does {q} cost"),
            _ => q,
        })
        .collect();
    assert_same(&index, &questions);
}
