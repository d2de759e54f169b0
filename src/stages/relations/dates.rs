//! Time expressions of meetings: the article's words ("on Tuesday", "this past weekend",
//! "next week", "in March", "on 9 January") and their normalization against the
//! publication date.
//!
//! Normalized forms are ISO 8601: a day `2025-12-02`, a week `2025-W49`, a month
//! `2025-03`, a year `2025`. Weekdays and months without a year resolve to the latest
//! such day or month on or before the publication date for events that were held, and
//! to the next one after it for planned events.

use crate::text::date::{month, weekday};
use crate::text::{Date, days_in_month};

/// A time expression found at a token position.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeExpr {
    /// Number of tokens it covers (including a leading preposition).
    pub len: usize,
    /// The article's words, without a leading preposition.
    pub when: String,
    /// Normalized against the publication date, when it can be.
    pub date: Option<String>,
}

fn day_number(w: &str) -> Option<u32> {
    let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let d: u32 = w.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_number(w: &str) -> Option<i32> {
    let y: i32 = w.parse().ok()?;
    (w.len() == 4 && (1900..=2100).contains(&y)).then_some(y)
}

/// ISO week of a date: `YYYY-Www`.
pub fn iso_week(d: Date) -> String {
    // the Thursday of the same week decides the year
    let thursday = d.add_days(3 - i64::from(d.weekday()));
    let jan1 = Date {
        year: thursday.year,
        month: 1,
        day: 1,
    };
    let week = (thursday.to_days() - jan1.to_days()) / 7 + 1;
    format!("{:04}-W{:02}", thursday.year, week)
}

fn ym(year: i32, month: u32) -> String {
    format!("{year:04}-{month:02}")
}

fn add_months(year: i32, month: u32, n: i32) -> (i32, u32) {
    let m = year * 12 + month as i32 - 1 + n;
    (m.div_euclid(12), (m.rem_euclid(12) + 1) as u32)
}

/// The year of a month (or month and day) written without one.
fn infer_year(published: Date, month: u32, day: u32, planned: bool) -> i32 {
    let y = published.year;
    let this = (month, day);
    let now = (published.month, published.day);
    if planned {
        if this >= now { y } else { y + 1 }
    } else if this <= now {
        y
    } else {
        y - 1
    }
}

/// Reads a time expression starting at `words[i]` (`words` are the sentence's tokens).
/// `planned` says whether the event lies ahead (this decides "on Tuesday").
pub fn time_at(
    words: &[&str],
    i: usize,
    published: Option<Date>,
    planned: bool,
) -> Option<TimeExpr> {
    let lw = |k: usize| words.get(k).map(|w| w.to_ascii_lowercase());
    let mut k = i;
    let first = lw(k)?;
    if matches!(
        first.as_str(),
        "on" | "in" | "during" | "at" | "over" | "by"
    ) {
        k += 1;
    }
    let start = k;
    let w0 = lw(k)?;
    let w1 = lw(k + 1).unwrap_or_default();
    let w2 = lw(k + 2).unwrap_or_default();
    let text = |end: usize| words[start..end].join(" ");
    let done = |end: usize, date: Option<String>| {
        Some(TimeExpr {
            len: end - i,
            when: text(end),
            date,
        })
    };
    // weekdays
    if let Some(wd) = weekday(&w0) {
        let date = published.map(|p| {
            let diff = (i64::from(p.weekday()) - i64::from(wd)).rem_euclid(7);
            if planned {
                let ahead = (i64::from(wd) - i64::from(p.weekday())).rem_euclid(7);
                p.add_days(if ahead == 0 { 7 } else { ahead }).to_string()
            } else {
                p.add_days(-diff).to_string()
            }
        });
        return done(k + 1, date);
    }
    // "9 January", "9 January 2025"
    if let (Some(d), Some(m)) = (day_number(&w0), month(&w1)) {
        let (end, year) = match year_number(&w2) {
            Some(y) => (k + 3, Some(y)),
            None => (k + 2, published.map(|p| infer_year(p, m, d, planned))),
        };
        let date = year
            .filter(|&y| d <= days_in_month(y, m))
            .map(|y| format!("{y:04}-{m:02}-{d:02}"));
        return done(end, date);
    }
    // "March", "March 5", "March 5, 2025", "March 2025"
    if let Some(m) = month(&w0) {
        // "may" is a modal far more often than a month
        if w0 == "may" && !words[k].starts_with('M') {
            return None;
        }
        if let Some(d) = day_number(&w1) {
            let (end, year) = if w2 == "," && lw(k + 3).as_deref().and_then(year_number).is_some() {
                (k + 4, lw(k + 3).as_deref().and_then(year_number))
            } else if let Some(y) = year_number(&w2) {
                (k + 3, Some(y))
            } else {
                (k + 2, published.map(|p| infer_year(p, m, d, planned)))
            };
            let date = year
                .filter(|&y| d <= days_in_month(y, m))
                .map(|y| format!("{y:04}-{m:02}-{d:02}"));
            return done(end, date);
        }
        if let Some(y) = year_number(&w1) {
            return done(k + 2, Some(ym(y, m)));
        }
        let date = published.map(|p| ym(infer_year(p, m, 1, planned), m));
        return done(k + 1, date);
    }
    // "late November", "early March", "mid-January"
    if matches!(w0.as_str(), "late" | "early" | "mid") {
        if let Some(m) = month(&w1) {
            let date = published.map(|p| ym(infer_year(p, m, 1, planned), m));
            return done(k + 2, date);
        }
        return None;
    }
    if let Some(rest) = w0.strip_prefix("mid-")
        && let Some(m) = month(rest)
    {
        let date = published.map(|p| ym(infer_year(p, m, 1, planned), m));
        return done(k + 1, date);
    }
    if let Some(y) = year_number(&w0)
        && start > i
    {
        return done(k + 1, Some(format!("{y:04}")));
    }
    match w0.as_str() {
        "today" | "tonight" => done(k + 1, published.map(|p| p.to_string())),
        "yesterday" => done(k + 1, published.map(|p| p.add_days(-1).to_string())),
        "tomorrow" => done(k + 1, published.map(|p| p.add_days(1).to_string())),
        "last" | "this" | "next" | "earlier" | "later" => {
            // "this past weekend", "earlier this week"
            let (mut unit_at, mut dir) = (k + 1, w0.as_str());
            let mut unit = w1.clone();
            if (w0 == "this" && w1 == "past") || (w0 == "earlier" || w0 == "later") && w1 == "this"
            {
                unit_at = k + 2;
                unit = w2.clone();
                dir = if w1 == "past" || w0 == "earlier" {
                    "last"
                } else {
                    "this"
                };
            }
            let p = published;
            let date = match (unit.as_str(), dir) {
                ("weekend", "next") => p.map(|p| p.add_days(7 - i64::from(p.weekday()) - 2)),
                ("weekend", "this") if planned => p.map(|p| p.add_days(5 - i64::from(p.weekday()))),
                ("weekend", _) => p.map(|p| {
                    // the latest Saturday before the publication day
                    let back = (i64::from(p.weekday()) - 5).rem_euclid(7);
                    p.add_days(if back == 0 { -7 } else { -back })
                }),
                ("week" | "month" | "year" | "night", _) => p,
                _ => return None,
            }
            .map(|d| {
                let shift = match dir {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                };
                match unit.as_str() {
                    "week" => iso_week(d.add_days(7 * shift)),
                    "month" => {
                        let (y, m) = add_months(d.year, d.month, shift as i32);
                        ym(y, m)
                    }
                    "year" => format!("{:04}", d.year + shift as i32),
                    "night" if dir == "last" => d.add_days(-1).to_string(),
                    _ => d.to_string(),
                }
            });
            if !matches!(
                unit.as_str(),
                "week" | "weekend" | "month" | "year" | "night"
            ) {
                return None;
            }
            done(unit_at + 1, date)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str, published: &str, planned: bool) -> Option<(String, Option<String>)> {
        let words: Vec<&str> = s.split(' ').collect();
        time_at(&words, 0, Date::parse(published), planned).map(|e| (e.when, e.date))
    }

    #[test]
    fn weekdays_resolve_against_the_publication_date() {
        // 2025-12-02 is a Tuesday
        let r = t("on Tuesday", "2025-12-02", false).unwrap();
        assert_eq!(r, ("Tuesday".into(), Some("2025-12-02".into())));
        assert_eq!(
            t("on Monday", "2025-12-02", false).unwrap().1.unwrap(),
            "2025-12-01"
        );
        assert_eq!(
            t("on Friday", "2025-12-02", true).unwrap().1.unwrap(),
            "2025-12-05"
        );
        assert_eq!(
            t("on Friday", "2025-12-02", false).unwrap().1.unwrap(),
            "2025-11-28"
        );
    }

    #[test]
    fn relative_weeks_weekends_and_months() {
        assert_eq!(
            t("this past weekend", "2025-12-02", false).unwrap(),
            ("this past weekend".into(), Some("2025-11-29".into()))
        );
        assert_eq!(
            t("next week", "2026-02-07", true).unwrap().1.unwrap(),
            "2026-W07"
        );
        assert_eq!(
            t("last month", "2025-01-15", false).unwrap().1.unwrap(),
            "2024-12"
        );
        assert_eq!(
            t("in March", "2025-12-02", false).unwrap().1.unwrap(),
            "2025-03"
        );
        assert_eq!(
            t("in March", "2025-12-02", true).unwrap().1.unwrap(),
            "2026-03"
        );
        assert_eq!(
            t("yesterday", "2025-03-01", false).unwrap().1.unwrap(),
            "2025-02-28"
        );
    }

    #[test]
    fn calendar_dates() {
        assert_eq!(
            t("on 9 January", "2025-01-02", true).unwrap().1.unwrap(),
            "2025-01-09"
        );
        assert_eq!(
            t("on February 5", "2026-02-07", false).unwrap().1.unwrap(),
            "2026-02-05"
        );
        assert_eq!(
            t("in late November", "2025-12-02", false)
                .unwrap()
                .1
                .unwrap(),
            "2025-11"
        );
        assert_eq!(
            t("March 3 , 2024", "2025-12-02", false).unwrap().1.unwrap(),
            "2024-03-03"
        );
        assert!(t("may meet", "2025-12-02", false).is_none());
        assert!(t("in Geneva", "2025-12-02", false).is_none());
    }

    #[test]
    fn iso_weeks() {
        assert_eq!(iso_week(Date::parse("2026-01-01").unwrap()), "2026-W01");
        assert_eq!(iso_week(Date::parse("2021-01-03").unwrap()), "2020-W53");
    }
}
