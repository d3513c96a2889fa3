//! What kind of answer a question asks for, and whether an entry's text gives one: "how long does the
//! infusion take?" asks for a length of time, which a section saying "over 5 to 30 minutes" gives and a
//! section that only names the infusion does not; "how much does it cost?" asks for an amount, which a
//! section saying "more affordable" does not give.
//!
//! Both sides are read from folded words (`Token::word`), with no list of topics. A time is a unit of
//! time with a number or a quantity before it ("two weeks", "a few days", "24-hour"), a plural unit
//! after a word that measures time ("for months", "within weeks"), a day counted from an event ("day
//! 7"), or a time of day, day of the week or month ("at noon", "9am", "on Mondays", "in March"). An
//! amount is a number (in digits or words), a share ("half", "per cent") or a price in words ("free",
//! "expensive", "funded in full").

use std::fmt;

/// A set of answer kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Kinds(u8);

impl Kinds {
    /// No kind: the question asks for nothing in particular, or the text gives nothing recognised.
    pub const NONE: Kinds = Kinds(0);
    /// A time or a length of time ("two weeks", "day 7", "overnight", "at noon").
    pub const TIME: Kinds = Kinds(1);
    /// A number, a share or a price ("about 1 in 10", "half", "is free on the NHS").
    pub const AMOUNT: Kinds = Kinds(2);

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Both sets together.
    pub fn with(self, other: Kinds) -> Kinds {
        Kinds(self.0 | other.0)
    }

    /// The kinds of `self` that `given` lacks: what a question asks for and an entry does not give.
    pub fn missing_from(self, given: Kinds) -> Kinds {
        Kinds(self.0 & !given.0)
    }

    /// Whether every kind of `other` is in `self`.
    pub fn contains(self, other: Kinds) -> bool {
        self.0 & other.0 == other.0
    }
}

impl fmt::Display for Kinds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("nothing in particular");
        }
        let names = [
            (Kinds::TIME, "a time or length of time"),
            (Kinds::AMOUNT, "a number or amount"),
        ];
        let mut first = true;
        for (kind, name) in names {
            if self.contains(kind) {
                if !first {
                    f.write_str(" and ")?;
                }
                f.write_str(name)?;
                first = false;
            }
        }
        Ok(())
    }
}

/// Units of time as people write them.
const UNITS: &[&str] = &[
    // Not "second" or "sec": "a second opinion", "get a second dose".
    "seconds",
    "secs",
    "minute",
    "minutes",
    "min",
    "mins",
    "hour",
    "hours",
    "hr",
    "hrs",
    "day",
    "days",
    "night",
    "nights",
    "week",
    "weeks",
    "wk",
    "wks",
    "fortnight",
    "fortnights",
    "month",
    "months",
    "year",
    "years",
    "yr",
    "yrs",
];

/// Words that count a unit ("two weeks", "a few days", "half an hour", "the first month").
const QUANTITIES: &[&str] = &[
    "a",
    "an",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "dozen",
    "few",
    "several",
    "couple",
    "many",
    "half",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "next",
    "last",
    "each",
    "every",
    "per",
];

/// Words after which a plural unit on its own is a length of time ("for months", "within weeks").
const MEASURING: &[&str] = &[
    "for", "within", "over", "after", "until", "till", "takes", "take", "took", "lasts",
];

/// Words that are a time on their own.
const ON_THEIR_OWN: &[&str] = &[
    "overnight",
    "noon",
    "midday",
    "midnight",
    "daily",
    "weekly",
    "fortnightly",
    "monthly",
    "yearly",
    "annually",
    "monday",
    "mondays",
    "tuesday",
    "tuesdays",
    "wednesday",
    "wednesdays",
    "thursday",
    "thursdays",
    "friday",
    "fridays",
    "saturday",
    "saturdays",
    "sunday",
    "sundays",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words that are an amount on their own: numbers in words, shares, and prices in words. Not "one" or
/// "a" ("one of the side effects"), nor "many" or "some", which any text uses.
const AMOUNTS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "dozen",
    "half",
    "quarter",
    "twice",
    "double",
    "percent",
    "percentage",
    "proportion",
    "ml",
    "mg",
    "litre",
    "litres",
    "liter",
    "liters",
    "free",
    "expensive",
    "funded",
    "reimbursed",
    "cheaper",
    "pounds",
    "dollars",
    "euros",
];

/// Words after "how much" that ask for an amount only when a price word follows: "how much does it
/// cost" asks for one, "how much does it hurt" for a degree.
const AUXILIARIES: &[&str] = &[
    "do", "does", "did", "will", "would", "can", "could", "should", "might", "may",
];

/// Words that make "how much does it …" a question about money.
const PRICE_WORDS: &[&str] = &[
    "cost", "costs", "charge", "charged", "charges", "pay", "paid", "spend", "price",
];

/// Words after "what" that ask for an amount ("what percentage of people").
const WHAT_AMOUNT: &[&str] = &["percentage", "percent", "proportion", "fraction"];

/// Whether `word` after `before` and `prev` is a clock time: "9am", "9 am", "10.30pm", "3 o'clock" (read as one word
/// "oclock"). A bare "am" only after an hour: "aged 45 am i too old" is no time.
fn is_clock(before: &str, prev: &str, word: &str) -> bool {
    let hour = |w: &str| w.parse::<u32>().is_ok_and(|h| h <= 12) && is_number(w);
    // "10.30 pm" reads as "10", "30", "pm".
    let minutes =
        |h: &str, m: &str| hour(h) && m.len() == 2 && m.parse::<u32>().is_ok_and(|m| m < 60);
    let suffix = ["am", "pm"]
        .iter()
        .find_map(|s| word.strip_suffix(s))
        .is_some_and(|h| hour(h) || (h.is_empty() && (hour(prev) || minutes(before, prev))));
    suffix || word == "oclock"
}

/// Whether `word` is an ordinal written with digits ("2nd", "3rd", "10th").
fn is_numbered(word: &str) -> bool {
    ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| word.strip_suffix(s))
        .is_some_and(is_number)
}

/// Words after "how" that ask for a time ("how long", "how soon", "how quickly").
const HOW_TIME: &[&str] = &["long", "soon", "quickly", "fast"];

/// Words after "when" that ask for a time ("when can I drive?"); not "when should I call", which asks
/// for a condition.
const WHEN_TIME: &[&str] = &[
    "can", "will", "could", "would", "do", "does", "did", "is", "are", "am", "might",
];

fn is_unit(word: &str) -> bool {
    UNITS.contains(&word)
}

fn is_number(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
}

/// The kinds of answer `words` (a text's folded words, in order) give.
pub fn given<'a>(words: impl IntoIterator<Item = &'a str>) -> Kinds {
    // The two words before the current one are all the context needed.
    let (mut before, mut prev): (&str, &str) = ("", "");
    let mut kinds = Kinds::NONE;
    let mut words = words.into_iter().peekable();
    while let Some(word) = words.next() {
        let counted = is_number(prev)
            || is_numbered(prev)
            || QUANTITIES.contains(&prev)
            || (prev == "of" && matches!(before, "couple" | "few"))
            || (MEASURING.contains(&prev) && word.ends_with('s'));
        let day_number = matches!(word, "day" | "week" | "month")
            && words.peek().is_some_and(|next| is_number(next));
        if (is_unit(word) && (counted || day_number))
            || ON_THEIR_OWN.contains(&word)
            || is_clock(before, prev, word)
        {
            kinds = kinds.with(Kinds::TIME);
        }
        // Any word written from a digit is a number: "400", "2nd", "200mg", "50k".
        if word.starts_with(|c: char| c.is_ascii_digit()) || AMOUNTS.contains(&word) {
            kinds = kinds.with(Kinds::AMOUNT);
        }
        if kinds == Kinds::TIME.with(Kinds::AMOUNT) {
            break;
        }
        (before, prev) = (prev, word);
    }
    kinds
}

/// The kinds of answer a question asks for, from its folded words in order.
pub fn asked<'a>(words: impl IntoIterator<Item = &'a str>) -> Kinds {
    let words: Vec<&str> = words.into_iter().collect();
    let when = words
        .windows(2)
        .any(|pair| pair[0] == "when" && WHEN_TIME.contains(&pair[1]));
    let mut kinds = if when || asking_words(&words).next().is_some() {
        Kinds::TIME
    } else {
        Kinds::NONE
    };
    if asks_amount(&words) {
        kinds = kinds.with(Kinds::AMOUNT);
    }
    kinds
}

/// Whether `words` ask for an amount: "how many people" (not "how many weeks", a time), "how much blood",
/// "how much is parking", "how much does it cost" (not "how much does it hurt"), "what percentage".
fn asks_amount(words: &[&str]) -> bool {
    words.windows(2).enumerate().any(|(i, pair)| {
        let rest = &words[i + 2..];
        match pair {
            ["how", "many"] => !rest.iter().take(2).any(|w| is_unit(w)),
            ["how", "much"] => match rest.first() {
                None => false,
                Some(&"time") => false,
                Some(next) if AUXILIARIES.contains(next) => {
                    rest.iter().any(|w| PRICE_WORDS.contains(w))
                }
                Some(_) => true,
            },
            ["what" | "whats", next] => WHAT_AMOUNT.contains(next),
            _ => false,
        }
    })
}

/// The positions of the words that ask for a kind of answer rather than name a topic: "long" in "how
/// long", "time" in "how much time" ("many" in "how many weeks", a stop word that matches nothing anyway).
/// A section about long-term effects is no answer to "how long".
pub fn asking_words<'a>(words: &'a [&'a str]) -> impl Iterator<Item = usize> + 'a {
    words.windows(2).enumerate().filter_map(|(i, pair)| {
        if pair[0] != "how" {
            return None;
        }
        let rest = &words[i + 2..];
        let time = HOW_TIME.contains(&pair[1])
            || (pair[1] == "many" && rest.iter().take(2).any(|w| is_unit(w)))
            || (pair[1] == "much" && rest.first() == Some(&"time"));
        time.then(|| if pair[1] == "much" { i + 2 } else { i + 1 })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        crate::text::normalize::tokens(text)
            .into_iter()
            .map(|t| t.word)
            .collect()
    }

    fn gives(text: &str) -> bool {
        gives_kinds(text).contains(Kinds::TIME)
    }

    fn asks(text: &str) -> bool {
        asks_kinds(text).contains(Kinds::TIME)
    }

    fn gives_kinds(text: &str) -> Kinds {
        given(words(text).iter().map(String::as_str))
    }

    fn asks_kinds(text: &str) -> Kinds {
        asked(words(text).iter().map(String::as_str))
    }

    #[test]
    fn a_length_of_time_is_a_counted_unit() {
        for text in [
            "usually over 5 to 30 minutes",
            "for at least two weeks",
            "a few days later",
            "after a couple of weeks",
            "a 24-hour number",
            "half an hour",
            "Within weeks, her tests were clear",
            "from day 7 onwards",
            "most people stay overnight",
            "in the first month",
            "The canteen opens at noon.",
            "clinic from 9am",
            "at 10.30 pm",
            "on Tuesdays",
            "at 3 o'clock",
            "for eighteen months",
            "in the 2nd week",
            "from week 2",
        ] {
            assert!(gives(text), "{text}");
        }
    }

    #[test]
    fn a_unit_alone_is_no_length_of_time() {
        for text in [
            "on the day of your infusion",
            "people who work days",
            "the year ahead",
            "minutes of the meeting",
            "Emily's journey with leukaemia",
            "I am 45, she is 7 and uses spam filters",
            "aged 45 am i too old",
            "ask for a second opinion",
            "",
        ] {
            assert!(!gives(text), "{text}");
        }
    }

    #[test]
    fn how_long_asks_for_a_length_of_time() {
        for text in [
            "How long does the infusion take?",
            "how soon can I drive",
            "hw long til i can drive",
            "how many weeks do I stay near the hospital",
            "how much time off work will I need",
            "so how quickly does it work?",
            "when can I drive again",
            "when does the canteen open",
        ] {
            assert!(asks(text), "{text}");
        }
        for text in [
            "how does it work",
            "how many people get CRS",
            "how much does it cost",
            "when should I call the team",
            "long term side effects",
            "how",
        ] {
            assert!(!asks(text), "{text}");
        }
    }

    #[test]
    fn an_amount_is_a_number_a_share_or_a_price_in_words() {
        for text in [
            "about 1 in 10 people",
            "in two thirds of cases",
            "half of all patients",
            "over 80 percent respond",
            "it is free on the NHS",
            "the product is very expensive",
            "it is usually funded in full",
            "a 200mg dose",
            "grade 3",
        ] {
            assert!(gives_kinds(text).contains(Kinds::AMOUNT), "{text}");
        }
        for text in [
            "one of the side effects",
            "many people feel tired",
            "some treatments are more affordable",
            "making it more accessible",
            "",
        ] {
            assert!(!gives_kinds(text).contains(Kinds::AMOUNT), "{text}");
        }
    }

    #[test]
    fn how_much_and_how_many_ask_for_an_amount() {
        for text in [
            "how much does car t cost in the US",
            "how much is parking per day",
            "how much blood do they take",
            "How many people get CRS?",
            "what percentage of patients respond",
            "how much will we have to pay",
        ] {
            assert!(asks_kinds(text).contains(Kinds::AMOUNT), "{text}");
        }
        for text in [
            "how much does it hurt",
            "how much time off work",
            "how many weeks in hospital",
            "how does it work",
            "what is the cost of not treating it",
            "how much",
        ] {
            assert!(!asks_kinds(text).contains(Kinds::AMOUNT), "{text}");
        }
        assert_eq!(
            asks_kinds("how long and how much will it cost"),
            Kinds::TIME.with(Kinds::AMOUNT)
        );
    }

    #[test]
    fn the_asking_word_is_the_one_after_how() {
        let words = words("How long and how much time does it take");
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let at: Vec<usize> = asking_words(&words).collect();
        assert_eq!(at, [1, 5]);
    }

    #[test]
    fn kinds_combine_and_subtract() {
        let asked = Kinds::TIME;
        assert_eq!(asked.missing_from(Kinds::NONE), Kinds::TIME);
        assert!(asked.missing_from(Kinds::TIME).is_empty());
        assert_eq!(Kinds::NONE.with(Kinds::TIME), Kinds::TIME);
        assert_eq!(Kinds::TIME.to_string(), "a time or length of time");
        assert_eq!(
            Kinds::TIME.with(Kinds::AMOUNT).to_string(),
            "a time or length of time and a number or amount"
        );
        assert!(Kinds::TIME.with(Kinds::AMOUNT).contains(Kinds::AMOUNT));
        assert!(!Kinds::TIME.contains(Kinds::AMOUNT));
    }
}
