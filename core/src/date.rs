//! Calendar dates with a precision, and document dates with their certainty.
//!
//! [`PartialDate`] is a day, a month or a year (`2018-03-15`, `2016-03`, `2011`).
//! [`DateSpec`] is what the metadata says about when a document was made: a best
//! guess, an optional range it certainly lies in, and a [`Certainty`]. The explorer
//! must never show a guess as a fact, so every date carries how sure it is.
//!
//! Dates are plain proleptic Gregorian days; only day counting is needed here,
//! which is the twenty lines of `days_from_civil` below rather than a date crate.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How precisely a [`PartialDate`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A date known to a year, a month or a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    /// 1..=12, or 0 when only the year is known.
    pub month: u8,
    /// 1..=31, or 0 when only the month (or year) is known.
    pub day: u8,
}

/// Why a date string was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    pub input: String,
    pub reason: &'static str,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match suggest_date(&self.input) {
            Some(d) => write!(f, "'{}' is not a date ({}); write it as \"{d}\" (YYYY-MM-DD, YYYY-MM or YYYY)", self.input, self.reason),
            None => write!(f, "'{}' is not a date ({}); write YYYY-MM-DD, YYYY-MM or YYYY, e.g. \"2022-06-15\", \"2022-06\" or \"2022\"", self.input, self.reason),
        }
    }
}

/// The date a person most likely meant by a date written in words ("June 2022",
/// "3 Nov 2022", "November 3, 2022"): an English month name (or its first three or more
/// letters), a four-digit year and at most one day number. Nothing for anything else,
/// as numbers alone ("03/11/2022") do not say which is the day and which the month.
fn suggest_date(input: &str) -> Option<PartialDate> {
    let (mut year, mut month, mut day) = (None, None, None);
    for word in input.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let lower = word.to_lowercase();
        if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) && year.is_none() {
            year = word.parse::<i32>().ok().filter(|&y| y > 0);
        } else if word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit()) && day.is_none() {
            day = word.parse::<u8>().ok();
        } else if let Some(m) = MONTHS.iter().position(|m| lower.len() >= 3 && m.to_lowercase().starts_with(&lower)).filter(|_| month.is_none()) {
            month = Some(m as u8 + 1);
        } else if let Some(d) = ["st", "nd", "rd", "th"].iter().find_map(|s| lower.strip_suffix(s)).filter(|d| (1..=2).contains(&d.len())).and_then(|d| d.parse::<u8>().ok()) {
            day = Some(d); // "3rd"
        } else if lower != "of" {
            return None;
        }
    }
    match (year?, month?, day) {
        (y, m, Some(d)) => PartialDate::day(y, m, d),
        (y, m, None) => PartialDate::month(y, m),
    }
}

impl std::error::Error for DateError {}

/// Days in `month` of `year` (Gregorian).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
pub fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

impl PartialDate {
    pub fn day(year: i32, month: u8, day: u8) -> Option<Self> {
        (1..=12).contains(&month)
            .then_some(())
            .filter(|_| day >= 1 && day <= days_in_month(year, month))
            .map(|_| Self { year, month, day })
    }

    pub fn month(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self { year, month, day: 0 })
    }

    pub fn year(year: i32) -> Self {
        Self { year, month: 0, day: 0 }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (years 1..=9999).
    pub fn parse(input: &str) -> Result<Self, DateError> {
        let err = |reason| DateError { input: input.to_string(), reason };
        let s = input.trim();
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok())?
        };
        if s.chars().any(char::is_alphabetic) {
            return Err(err("a date is written in digits, year first"));
        }
        let year = parts
            .first()
            .and_then(|p| num(p, 4))
            .ok_or_else(|| err("the year must come first, in four digits"))? as i32;
        if year == 0 {
            return Err(err("year 0 does not exist"));
        }
        match parts.len() {
            1 => Ok(Self::year(year)),
            2 | 3 => {
                let month = num(parts[1], 2).ok_or_else(|| err("the month must be two digits"))?;
                if !(1..=12).contains(&month) {
                    return Err(err("the month must be 01 to 12"));
                }
                if parts.len() == 2 {
                    return Ok(Self { year, month: month as u8, day: 0 });
                }
                let day = num(parts[2], 2).ok_or_else(|| err("the day must be two digits"))?;
                Self::day(year, month as u8, day as u8).ok_or_else(|| err("that month has no such day"))
            }
            _ => Err(err("too many parts")),
        }
    }

    /// First day covered by this date, as days since 1970-01-01.
    pub fn first_day(&self) -> i64 {
        days_from_civil(self.year, self.month.max(1), self.day.max(1))
    }

    /// Last day covered by this date, as days since 1970-01-01.
    pub fn last_day(&self) -> i64 {
        match self.precision() {
            Precision::Day => self.first_day(),
            Precision::Month => days_from_civil(self.year, self.month, days_in_month(self.year, self.month)),
            Precision::Year => days_from_civil(self.year, 12, 31),
        }
    }

    /// The middle of the covered period, in days (for placing a mark).
    pub fn mid_day(&self) -> i64 {
        (self.first_day() + self.last_day()) / 2
    }

    /// A human label: "27 July 2017", "March 2016", "2011".
    pub fn label(&self) -> String {
        match self.precision() {
            Precision::Day => format!("{} {} {}", self.day, MONTHS[usize::from(self.month - 1)], self.year),
            Precision::Month => format!("{} {}", MONTHS[usize::from(self.month - 1)], self.year),
            Precision::Year => self.year.to_string(),
        }
    }
}

/// English month names, January first.
pub const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision() {
            Precision::Day => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
            Precision::Month => write!(f, "{:04}-{:02}", self.year, self.month),
            Precision::Year => write!(f, "{:04}", self.year),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PartialDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// How sure the metadata is of a document's date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    /// The date is known from the source itself.
    #[default]
    Exact,
    /// A best guess inside a known range.
    Approximate,
    /// Nothing is known; the document is shown without a place in time.
    Unknown,
}

impl Certainty {
    pub fn as_str(&self) -> &'static str {
        match self {
            Certainty::Exact => "exact",
            Certainty::Approximate => "approximate",
            Certainty::Unknown => "unknown",
        }
    }
}

/// When a document (and so each of its statements) was made.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateSpec {
    /// The best guess; absent only when `certainty` is `unknown`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best: Option<PartialDate>,
    /// Earliest possible date, when a range is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earliest: Option<PartialDate>,
    /// Latest possible date, when a range is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest: Option<PartialDate>,
    #[serde(default)]
    pub certainty: Certainty,
    /// Why the date is what it is (sources, reasoning).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl DateSpec {
    /// First and last day the date may fall on (days since 1970-01-01), if dated at all.
    pub fn span_days(&self) -> Option<(i64, i64)> {
        let best = self.best?;
        let lo = self.earliest.map_or(best.first_day(), |d| d.first_day());
        let hi = self.latest.map_or(best.last_day(), |d| d.last_day());
        Some((lo.min(best.first_day()), hi.max(best.last_day())))
    }

    /// The day to place a mark on.
    pub fn best_day(&self) -> Option<i64> {
        self.best.map(|d| d.mid_day())
    }

    /// A label that never shows a guess as a fact: "27 July 2017 (approx., 9–28 July 2017)".
    pub fn label(&self) -> String {
        let Some(best) = self.best else {
            return "date unknown".to_string();
        };
        match self.certainty {
            Certainty::Exact => best.label(),
            Certainty::Unknown => format!("{} (unverified)", best.label()),
            Certainty::Approximate => match (self.earliest, self.latest) {
                (Some(a), Some(b)) => format!("c. {} (between {} and {})", best.label(), a.label(), b.label()),
                _ => format!("c. {}", best.label()),
            },
        }
    }

    /// Checks the spec is coherent; returns a sentence saying what to fix.
    pub fn validate(&self) -> Result<(), String> {
        if self.best.is_none() && self.certainty != Certainty::Unknown {
            return Err("a date needs `best` unless `certainty = \"unknown\"`".into());
        }
        if let (Some(a), Some(b)) = (self.earliest, self.latest) {
            if a.first_day() > b.last_day() {
                return Err(format!("`earliest` ({a}) is after `latest` ({b}); swap them"));
            }
        }
        if let (Some(best), Some(a)) = (self.best, self.earliest) {
            if best.last_day() < a.first_day() {
                return Err(format!("`best` ({best}) is before `earliest` ({a})"));
            }
        }
        if let (Some(best), Some(b)) = (self.best, self.latest) {
            if best.first_day() > b.last_day() {
                return Err(format!("`best` ({best}) is after `latest` ({b})"));
            }
        }
        if self.certainty == Certainty::Exact && (self.earliest.is_some() || self.latest.is_some()) {
            return Err("an exact date has no range; use `certainty = \"approximate\"` or drop `earliest`/`latest`".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(PartialDate::parse("2018-03-15").unwrap().precision(), Precision::Day);
        assert_eq!(PartialDate::parse("2016-03").unwrap().precision(), Precision::Month);
        assert_eq!(PartialDate::parse("2011").unwrap().precision(), Precision::Year);
    }

    #[test]
    fn refuses_non_dates() {
        for bad in ["", "17-07-27", "2017-13", "2017-02-30", "2017-7-1", "2017-07-27-1", "abcd", "0000"] {
            assert!(PartialDate::parse(bad).is_err(), "{bad} should be refused");
        }
        assert!(PartialDate::parse("2016-02-29").is_ok());
    }

    #[test]
    fn a_date_in_words_is_refused_with_the_date_it_means() {
        for (words, meant) in [("June 2022", "2022-06"), ("3 Nov 2022", "2022-11-03"), ("November 3rd, 2022", "2022-11-03"), ("2022 Sept", "2022-09")] {
            let e = PartialDate::parse(words).expect_err(words).to_string();
            assert!(e.contains(&format!("\"{meant}\"")), "{words}: {e}");
            assert!(!e.contains("four digits"), "{words}: {e}");
        }
        for (bad, example) in [("03/11/2022", true), ("soon", true), ("June 31 2022", true)] {
            let e = PartialDate::parse(bad).expect_err(bad).to_string();
            assert_eq!(e.contains("e.g. \"2022-06-15\""), example, "{bad}: {e}");
        }
    }

    #[test]
    fn day_counting_round_trips() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for d in (-800_000..800_000).step_by(997) {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
    }

    #[test]
    fn month_spans_whole_month() {
        let m = PartialDate::parse("2016-02").unwrap();
        assert_eq!(m.last_day() - m.first_day(), 28);
    }

    #[test]
    fn approximate_label_shows_range() {
        let spec = DateSpec {
            best: PartialDate::parse("2017-07-27").ok(),
            earliest: PartialDate::parse("2017-07-09").ok(),
            latest: PartialDate::parse("2017-07-28").ok(),
            certainty: Certainty::Approximate,
            note: None,
        };
        assert!(spec.validate().is_ok());
        assert_eq!(spec.label(), "c. 27 July 2017 (between 9 July 2017 and 28 July 2017)");
        let (lo, hi) = spec.span_days().unwrap();
        assert_eq!(hi - lo, 19);
    }

    #[test]
    fn incoherent_specs_are_refused() {
        let mut spec = DateSpec { best: PartialDate::parse("2017-07-27").ok(), ..Default::default() };
        spec.latest = PartialDate::parse("2017-07-01").ok();
        spec.certainty = Certainty::Approximate;
        assert!(spec.validate().is_err());
        let none = DateSpec::default();
        assert!(none.validate().is_err());
    }
}
