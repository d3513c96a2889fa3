//! Synthetic FAQs for the scale benchmarks: realistic shapes (5–15-word titles, 50–200-word bodies, a
//! vocabulary of 20 000 made-up words drawn by Zipf's law, shared medical terms) from a fixed seed, and
//! questions with typos and paraphrases built from them.
//!
//! Not part of the library: the benches, the equivalence test and the `synthetic` example include this file
//! with `#[path]`, each using a part of it.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use faqbot::faq::{Entry, Faq};

/// How many made-up words the vocabulary has.
pub const VOCABULARY: usize = 20_000;

/// Words every CAR T document shares, mixed into the bodies.
const MEDICAL: &[&str] = &[
    "fever",
    "infusion",
    "lymphoma",
    "myeloma",
    "leukemia",
    "cytokine",
    "neurotoxicity",
    "remission",
    "relapse",
    "chemotherapy",
    "oncologist",
    "hospital",
    "caregiver",
    "antigen",
    "receptor",
    "apheresis",
    "transplant",
    "platelets",
    "infection",
    "antibiotics",
    "tocilizumab",
    "steroids",
    "confusion",
    "seizure",
    "fatigue",
    "nausea",
    "appetite",
    "insurance",
    "clinic",
    "trial",
    "biopsy",
    "scan",
    "marrow",
    "lymphocytes",
    "dose",
    "vaccine",
    "immunoglobulin",
    "monitoring",
    "discharge",
    "recovery",
    "symptoms",
    "therapy",
    "treatment",
    "cells",
    "cancer",
    "patient",
    "nurse",
    "doctor",
    "blood",
    "tests",
];

/// Function words mixed into bodies so that they read like text.
const GLUE: &[&str] = &[
    "the", "and", "of", "to", "in", "is", "for", "with", "your", "after", "can", "may",
];

/// A small, fast, seeded generator (SplitMix64): the same seed gives the same FAQ on every machine.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `range`.
    pub fn range(&mut self, range: std::ops::RangeInclusive<usize>) -> usize {
        let span = (range.end() - range.start() + 1) as u64;
        range.start() + (self.next_u64() % span) as usize
    }

    /// A number in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Made-up words and a Zipf sampler over them.
pub struct Words {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Words {
    /// `VOCABULARY` distinct pronounceable words of 4 to 12 letters.
    pub fn new(rng: &mut Rng) -> Words {
        const ONSETS: &[&str] = &[
            "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br",
            "st", "pl", "tr",
        ];
        const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou", "ea"];
        let mut seen = std::collections::HashSet::new();
        let mut words = Vec::with_capacity(VOCABULARY);
        while words.len() < VOCABULARY {
            let mut word = String::new();
            for _ in 0..rng.range(2..=4) {
                word.push_str(ONSETS[rng.range(0..=ONSETS.len() - 1)]);
                word.push_str(VOWELS[rng.range(0..=VOWELS.len() - 1)]);
            }
            if rng.unit() < 0.5 {
                word.push_str(["n", "s", "r", "x", "m"][rng.range(0..=4)]);
            }
            if (4..=12).contains(&word.len())
                && !faqbot::text::normalize::is_stop_word(&word)
                && seen.insert(word.clone())
            {
                words.push(word);
            }
        }
        let mut total = 0.0;
        let cumulative = (0..VOCABULARY)
            .map(|rank| {
                total += 1.0 / (rank as f64 + 1.0);
                total
            })
            .collect();
        Words { words, cumulative }
    }

    /// A word drawn by Zipf's law: a few are common, most are rare.
    pub fn draw(&self, rng: &mut Rng) -> &str {
        let target = rng.unit() * self.cumulative[VOCABULARY - 1];
        let at = self
            .cumulative
            .partition_point(|&c| c < target)
            .min(VOCABULARY - 1);
        &self.words[at]
    }

    /// A word drawn uniformly: usually a rare one.
    pub fn rare(&self, rng: &mut Rng) -> &str {
        &self.words[rng.range(0..=VOCABULARY - 1)]
    }
}

fn sentence(words: &Words, rng: &mut Rng, n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        let roll = rng.unit();
        let word = if roll < 0.25 {
            GLUE[rng.range(0..=GLUE.len() - 1)]
        } else if roll < 0.35 {
            MEDICAL[rng.range(0..=MEDICAL.len() - 1)]
        } else if roll < 0.55 {
            words.rare(rng)
        } else {
            words.draw(rng)
        };
        out.push_str(word);
    }
    out
}

/// A FAQ of `entries` entries from `seed`.
pub fn faq(entries: usize, seed: u64) -> Faq {
    let mut rng = Rng::new(seed);
    let words = Words::new(&mut rng);
    let mut faq = Faq::default();
    for n in 0..entries {
        let (title_words, body_words) = (rng.range(5..=15), rng.range(50..=200));
        let title = capitalised(&sentence(&words, &mut rng, title_words));
        let body = format!("{}.", capitalised(&sentence(&words, &mut rng, body_words)));
        faq.entries.push(Entry {
            id: format!("synthetic/{n}").into(),
            title,
            body,
            source: format!("synthetic-{}.md", n / SECTIONS_PER_FILE),
            line: 1,
            document: "Synthetic".to_string(),
            questions: Vec::new(),
        });
    }
    faq
}

/// Sections per Markdown file in `write_folder`.
pub const SECTIONS_PER_FILE: usize = 100;

/// Writes the FAQ of `entries` entries from `seed` as Markdown files in `dir`, for `faqbot check --faq`.
pub fn write_folder(dir: &Path, entries: usize, seed: u64) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let faq = faq(entries, seed);
    for (file, chunk) in faq.entries.chunks(SECTIONS_PER_FILE).enumerate() {
        let mut text = String::new();
        for entry in chunk {
            let _ = write!(text, "# {}\n\n{}\n\n", entry.title, entry.body);
        }
        fs::write(dir.join(format!("synthetic-{file:05}.md")), text)?;
    }
    Ok(())
}

/// `n` questions about entries of `faq`: a few of an entry's words, some misspelt, in question phrasing,
/// sometimes with a word the FAQ does not know.
pub fn questions(faq: &Faq, n: usize, seed: u64) -> Vec<String> {
    const OPENINGS: &[&str] = &[
        "what about",
        "how does",
        "tell me about",
        "is there",
        "what is",
        "",
        "can i",
    ];
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|_| {
            let entry = &faq.entries[rng.range(0..=faq.entries.len() - 1)];
            let pool: Vec<&str> = entry
                .title
                .split_whitespace()
                .chain(entry.body.split_whitespace().take(30))
                .filter(|w| {
                    w.len() > 3 && !faqbot::text::normalize::is_stop_word(&w.to_lowercase())
                })
                .collect();
            let mut words: Vec<String> = (0..rng.range(2..=4).min(pool.len()))
                .map(|_| {
                    pool[rng.range(0..=pool.len() - 1)]
                        .trim_end_matches('.')
                        .to_lowercase()
                })
                .collect();
            let misspell = rng.unit() < 0.6;
            if let Some(word) = words.iter_mut().find(|w| w.len() >= 6).filter(|_| misspell) {
                *word = typo(word, &mut rng);
            }
            if rng.unit() < 0.2 {
                words.push("yesterday".to_string());
            }
            let opening = OPENINGS[rng.range(0..=OPENINGS.len() - 1)];
            format!("{opening} {}", words.join(" ")).trim().to_string()
        })
        .collect()
}

/// One typo inside a word: a letter dropped or two neighbours swapped, never the first letter.
fn typo(word: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    let at = rng.range(1..=chars.len() - 2);
    if rng.unit() < 0.5 {
        chars.remove(at);
    } else {
        chars.swap(at, at + 1);
    }
    chars.into_iter().collect()
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
