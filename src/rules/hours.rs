//! A service's opening hours, from its `hours` lines: the hours a week it is
//! staffed (`weekly_hours`), and whether it opens at night or at weekends (`nights`,
//! `weekends`).

use crate::schema::model::{DaySet, TArg, TNode, TValue, EXTENSION};

/// The `hours` nodes of a service, as (day set, time range); `args` are its
/// contract's.
fn hours<'a>(
    service: &'a TNode,
    args: &'a [TArg],
) -> impl Iterator<Item = (DaySet, crate::value::TimeRange)> + 'a {
    service
        .children
        .iter()
        .filter(|c| c.name == "hours" && c.slot != EXTENSION)
        .filter_map(|h| {
            let args = h.args.of(args);
            match (
                args.first().map(|a| &a.value),
                args.get(1).map(|a| &a.value),
            ) {
                (Some(TValue::DaySet(d)), Some(TValue::TimeRange(t))) => Some((*d, *t)),
                _ => None,
            }
        })
}

/// Minutes in a week.
const WEEK_MINUTES: u32 = 7 * 1440;

/// The minutes of a week a service's hours cover, as `(start, end)` spans from
/// Monday 00:00.  A range past midnight continues into the next day, and past
/// Sunday midnight into Monday morning; `holidays` lines cover no weekday.
fn week_spans(service: &TNode, args: &[TArg]) -> smallvec::SmallVec<[(u32, u32); 16]> {
    let mut spans = smallvec::SmallVec::new();
    for (days, range) in hours(service, args) {
        let len = if range.end > range.start {
            u32::from(range.end - range.start)
        } else {
            1440 - u32::from(range.start) + u32::from(range.end)
        };
        // The set's days, Monday first, one bit at a time (holidays are bit 7).
        let mut weekdays = days.0 & 0x7f;
        while weekdays != 0 {
            let day = weekdays.trailing_zeros();
            weekdays &= weekdays - 1;
            let start = day * 1440 + u32::from(range.start);
            let end = start + len;
            spans.push((start, end.min(WEEK_MINUTES)));
            if end > WEEK_MINUTES {
                spans.push((0, end - WEEK_MINUTES));
            }
        }
    }
    spans
}

/// Hours a week the service is open: the length of the union of its spans, so
/// overlapping lines (`daily 09:00-18:00` and `mon-fri 08:00-20:00`) count once.
pub(super) fn weekly_hours(service: &TNode, args: &[TArg]) -> f64 {
    f64::from(weekly_minutes(service, args)) / 60.0
}

/// Minutes a week the service is open (see [`weekly_hours`]); the cost model prices
/// hourly rates by it.
pub(crate) fn weekly_minutes(service: &TNode, args: &[TArg]) -> u32 {
    let mut spans = week_spans(service, args);
    // In order of their starts (spans that start together add the same minutes
    // whichever comes first).  One line's spans come in that order already, unless
    // one runs past Sunday midnight.
    if !spans.is_sorted_by_key(|&(start, _)| start) {
        spans.sort_unstable_by_key(|&(start, _)| start);
    }
    let (mut minutes, mut reached) = (0, 0);
    for (start, end) in spans {
        minutes += end.saturating_sub(start.max(reached));
        reached = reached.max(end);
    }
    minutes
}

/// Open at some minute in [22:00, 05:00).  A range ending at 22:00 is not.
pub(crate) fn open_at_night(service: &TNode, args: &[TArg]) -> bool {
    hours(service, args).any(|(days, range)| {
        days.weekdays() > 0
            && range
                .intervals()
                .iter()
                .any(|&(s, e)| s < e && (e > 22 * 60 || s < 5 * 60))
    })
}

/// A day set of the service includes Saturday or Sunday.
pub(crate) fn open_on_weekends(service: &TNode, args: &[TArg]) -> bool {
    hours(service, args).any(|(days, _)| days.0 & DaySet::WEEKEND != 0)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::schema::model::{child_slots, ArgRange};
    use crate::span::Span;
    use crate::value::TimeRange;

    /// A service with these `hours` lines, and its contract's arguments.
    pub(in crate::rules) fn service(hours: &[(u8, (u16, u16))]) -> (TNode, Vec<TArg>) {
        let arg = |value| TArg {
            value,
            span: Span::default(),
        };
        let mut args = Vec::new();
        let children: Vec<TNode> = hours
            .iter()
            .map(|&(days, (start, end))| {
                let start_at = u32::try_from(args.len()).unwrap();
                args.push(arg(TValue::DaySet(DaySet(days))));
                args.push(arg(TValue::TimeRange(TimeRange { start, end })));
                TNode {
                    slot: 0,
                    name: "hours".into(),
                    head: Span::default(),
                    args: ArgRange {
                        start: start_at,
                        end: start_at + 2,
                    },
                    children: Box::default(),
                    child_slots: 0,
                }
            })
            .collect();
        let node = TNode {
            slot: 0,
            name: "service".into(),
            head: Span::default(),
            args: ArgRange::default(),
            child_slots: child_slots(&children),
            children: children.into_boxed_slice(),
        };
        (node, args)
    }

    /// The weekly hours of a service built by [`service`].
    fn weekly((node, args): &(TNode, Vec<TArg>)) -> f64 {
        weekly_hours(node, args)
    }

    const WEEKDAYS: u8 = 0b0001_1111;
    const SUNDAY: u8 = 0b0100_0000;

    #[test]
    fn overlapping_lines_count_once() {
        // Mon–Fri 09:00–18:00 inside Mon–Fri 08:00–20:00: 12 h a day, 60 h a week.
        let s = service(&[(WEEKDAYS, (540, 1080)), (WEEKDAYS, (480, 1200))]);
        assert_eq!(weekly(&s), 60.0);
    }

    #[test]
    fn ranges_past_midnight_run_into_the_next_day_and_the_next_week() {
        // Sunday 22:00–02:00 is 2 h on Sunday and 2 h on Monday morning.
        assert_eq!(weekly(&service(&[(SUNDAY, (1320, 120))])), 4.0);
        // A range whose end equals its start is a whole day.
        assert_eq!(weekly(&service(&[(SUNDAY, (600, 600))])), 24.0);
        // Every day, all day, however it is written, is the whole week.
        let always = service(&[(0x7f, (0, 0)), (0x7f, (600, 600)), (WEEKDAYS, (0, 720))]);
        assert_eq!(weekly(&always), 168.0);
    }

    #[test]
    fn holiday_lines_cover_no_weekday() {
        let s = service(&[(DaySet::HOLIDAYS, (540, 1080))]);
        assert_eq!(weekly(&s), 0.0);
    }

    #[test]
    fn lines_in_any_order_give_the_same_hours() {
        const SATURDAY: u8 = 0b0010_0000;
        // Sunday 22:00–02:00 (2 h, and 2 h on Monday morning), Mon–Fri 09:00–18:00
        // (45 h), Mon–Fri 09:00–12:00 (inside the last, starting with it), Saturday
        // 10:00–19:00 (9 h): 58 h however the lines are ordered.
        let lines = [
            (SUNDAY, (1320, 120)),
            (WEEKDAYS, (540, 1080)),
            (WEEKDAYS, (540, 720)),
            (SATURDAY, (600, 1140)),
        ];
        let mut orders = 0;
        for a in 0..4 {
            for b in 0..4 {
                for c in 0..4 {
                    if a == b || a == c || b == c {
                        continue;
                    }
                    let d = (0..4).find(|i| ![a, b, c].contains(i)).expect("a fourth");
                    let s = service(&[lines[a], lines[b], lines[c], lines[d]]);
                    assert_eq!(weekly(&s), 58.0, "order {a}{b}{c}{d}");
                    orders += 1;
                }
            }
        }
        assert_eq!(orders, 24);
    }
}
