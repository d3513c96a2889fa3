//! Questions: a clause that asks about symptoms in general ("what does a fever mean?") or about what may
//! happen ("can he get a fever from it?") reports no sign. A clause that asks while naming the patient
//! ("is it normal that my husband is dizzy?") or saying it is now ("shaking since yesterday, is this the
//! car t?") still reports one.

use crate::safety::context::SentenceFacts;
use crate::safety::kinds::Kind;
use crate::safety::mention::{Mention, Modifier};
use crate::safety::phrases::starts_at;
use crate::safety::rules::Rules;
use crate::safety::text::{Clause, Start};

/// A question about symptoms in general ("what does a fever mean?") or about what may happen ("can he
/// get a fever from it?"): a clause that asks and names nobody, or that starts with a modal verb.
pub(crate) fn question(rules: &Rules, clause: &Clause) -> Option<Modifier> {
    let tokens = &clause.tokens;
    let first = tokens.first()?;
    let second = tokens.get(1).map(|t| t.stem.as_str());
    let inverted =
        |list: &crate::safety::text::Words| list.contains(&first.stem) && second != Some("not");
    // "and is shaking" mid-sentence does not ask; "is he shaking" at a clause start may.
    let may_invert = clause.start != Start::Break;
    // "…, or will that hide a fever?" asks as its own clause would; "and is shaking" does not.
    let or_modal = first.stem == "or"
        && tokens
            .get(1)
            .is_some_and(|t| rules.modals.contains(&t.stem))
        && tokens.get(2).is_some_and(|t| t.stem != "not");
    if or_modal {
        return Some(Modifier {
            kind: Kind::Hypothetical,
            trigger: format!(
                "a question about what may happen (\"or {}\")",
                tokens[1].word
            ),
            line: None,
        });
    }
    if may_invert && inverted(&rules.modals) {
        return Some(Modifier {
            kind: Kind::Hypothetical,
            trigger: format!("a question about what may happen (\"{}\")", first.word),
            line: None,
        });
    }
    // A request ("tell me about…") asks too; its own "me" names nobody.
    let request = rules
        .requests
        .iter()
        .find(|r| starts_at(tokens, r, 0))
        .map_or(0, Vec::len);
    // After a comma or bracket an auxiliary asks only with its subject next ("…, is he ok") or a question
    // mark; without either the clause goes on with the sentence's own subject ("our little one (2) has
    // a temp of 38.5").
    let subject_next = clause.start != Start::Comma
        || clause.asked
        || tokens.get(1).is_some_and(|t| {
            rules.splitter.subjects.contains(&t.stem) || SUBJECT_OPENERS.contains(&t.stem.as_str())
        });
    let asks = request > 0
        || rules.question_words.contains(&first.stem)
        || may_invert && subject_next && inverted(&rules.auxiliaries);
    let names_someone = tokens[request..]
        .iter()
        .any(|t| rules.writer.contains(&t.stem) || rules.others.contains(&t.stem));
    (asks && !names_someone).then(|| Modifier {
        kind: Kind::Hypothetical,
        trigger: "a question that names nobody: about symptoms in general".to_string(),
        line: None,
    })
}

/// Words that open a subject after an auxiliary ("is the fever…", "has our son…") besides the people and
/// subjects of the rules.
const SUBJECT_OPENERS: &[&str] = &[
    "the", "our", "your", "these", "those", "any", "anyone", "everyone",
];

/// A sentence that ends with a question mark, names nobody and says nothing of now ("racing heart and
/// chills - are those CRS signs?"): about symptoms in general. "Shaking since this morning, is it the
/// CAR T?" is a report.
pub(crate) fn asked_in_general(
    clauses: &[Clause],
    sentence: SentenceFacts,
    mention: &Mention,
) -> Option<Modifier> {
    let asked = clauses[mention.clause].asked;
    let (names_someone, says_now) = (sentence.names_someone, sentence.now);
    (asked && !names_someone && !says_now).then(|| Modifier {
        kind: Kind::Hypothetical,
        trigger: "a question mark, nobody named and no time given: about symptoms in general"
            .to_string(),
        line: None,
    })
}
