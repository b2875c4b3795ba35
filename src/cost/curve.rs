//! A quote's monthly bill as a function of the month's contacts, and where two such
//! bills cross.
//!
//! The bill is piecewise linear: a fixed part, a price per contact, a call-over price
//! per contact above the included volume, and a minimum charge below which it never
//! falls.  Break-evens are found exactly from those pieces, as fractions of a contact,
//! not by sampling: on each stretch where both bills are linear their difference is a
//! line, and its root, if it lies in the stretch, is where they cross.

use std::cmp::Ordering;

use super::money::Micros;
use super::plan::Plan;

/// An exact non-negative fraction (a volume of contacts a month, or an amount).
#[derive(Clone, Copy, Debug)]
pub struct Ratio {
    pub num: i128,
    /// Always positive.
    pub den: i128,
}

impl Ratio {
    #[must_use]
    pub fn whole(n: i128) -> Ratio {
        Ratio { num: n, den: 1 }
    }

    /// `num / den` in lowest terms, the denominator made positive.
    #[must_use]
    pub fn new(num: i128, den: i128) -> Ratio {
        let (num, den) = if den < 0 { (-num, -den) } else { (num, den) };
        let g = gcd(num.unsigned_abs(), den.unsigned_abs()).max(1) as i128;
        Ratio {
            num: num / g,
            den: den / g,
        }
    }

    /// The whole number at or below.
    #[must_use]
    pub fn floor(self) -> i128 {
        self.num.div_euclid(self.den)
    }

    /// Halfway between two fractions.
    #[must_use]
    pub fn midpoint(self, other: Ratio) -> Ratio {
        Ratio::new(
            self.num * other.den + other.num * self.den,
            2 * self.den * other.den,
        )
    }
}

impl PartialEq for Ratio {
    fn eq(&self, other: &Ratio) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ratio {}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Ratio) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    fn cmp(&self, other: &Ratio) -> Ordering {
        (self.num * other.den).cmp(&(other.num * self.den))
    }
}

fn gcd(a: u128, b: u128) -> u128 {
    // Most terms fit in 64 bits, where a remainder is one instruction rather than a
    // call into the 128-bit division routine.
    if let (Ok(a), Ok(b)) = (u64::try_from(a), u64::try_from(b)) {
        return u128::from(gcd64(a, b));
    }
    let (mut a, mut b) = (a, b);
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

fn gcd64(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The monthly bill at `v` contacts: `max(minimum, fixed + rate·v + above·max(0, v −
/// included))`, all amounts in micros.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Curve {
    pub fixed: Micros,
    pub rate: Micros,
    pub included: i128,
    pub above: Micros,
    pub minimum: Micros,
}

/// One linear piece: the bill is `at_zero + slope · v` on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Line {
    at_zero: i128,
    slope: i128,
}

impl Line {
    /// The sign of this line at `v`, scaled by `v`'s denominator (which is positive).
    fn scaled_at(self, v: Ratio) -> i128 {
        self.at_zero * v.den + self.slope * v.num
    }
}

impl Curve {
    /// The bill of a plan: its charges summed.
    #[must_use]
    pub fn of(plan: &Plan) -> Curve {
        let mut curve = Curve {
            fixed: Micros::ZERO,
            rate: Micros::ZERO,
            included: plan.included.unwrap_or(0),
            above: Micros::ZERO,
            minimum: plan.minimum.unwrap_or(Micros::ZERO),
        };
        for charge in &plan.charges {
            curve.fixed += charge.fixed;
            curve.rate += charge.per_contact;
            curve.above += charge.above_included;
        }
        curve
    }

    /// The bill at a whole number of contacts, exactly.
    #[must_use]
    pub fn at(&self, v: i128) -> Micros {
        let base = self.fixed.0 + self.rate.0 * v + self.above.0 * (v - self.included).max(0);
        Micros(base.max(self.minimum.0))
    }

    /// The bill at a fraction of contacts, exactly, as a fraction of micros.
    #[must_use]
    pub fn at_ratio(&self, v: Ratio) -> Ratio {
        Ratio::new(self.scaled_at(v), v.den)
    }

    /// The bill at `v` times `v`'s denominator: two bills at one volume compare by
    /// these numbers without multiplying fractions (whose terms would overflow).
    #[must_use]
    pub fn scaled_at(&self, v: Ratio) -> i128 {
        self.line_after(v).scaled_at(v)
    }

    /// The bill before the minimum charge, on the piece just above `p` (at a bend
    /// both pieces give the same amount, so this is also the bill *at* `p`).
    fn base_after(&self, p: Ratio) -> Line {
        if self.above.0 != 0 && p >= Ratio::whole(self.included) {
            Line {
                at_zero: self.fixed.0 - self.above.0 * self.included,
                slope: self.rate.0 + self.above.0,
            }
        } else {
            Line {
                at_zero: self.fixed.0,
                slope: self.rate.0,
            }
        }
    }

    /// The linear piece of the bill just above `p`: the one on the stretch that `p`
    /// starts, and the bill at `p` itself.
    fn line_after(&self, p: Ratio) -> Line {
        let base = self.base_after(p);
        // Below the minimum at `p`, the bill is the minimum for a while after it.
        if base.scaled_at(p) < self.minimum.0 * p.den {
            Line {
                at_zero: self.minimum.0,
                slope: 0,
            }
        } else {
            base
        }
    }

    /// Whether the bill's terms are small enough for exact break-evens: a fixed
    /// part and minimum of at most 10^21 micros (10^15 yen, 10^13 dollars a month),
    /// prices per contact of at most 10^14 micros (10^8 yen, 10^6 dollars a call),
    /// and an included volume of at most 10^8 contacts.  Far beyond any contract, and
    /// small enough that [`crossings`] never overflows.
    #[must_use]
    pub fn within_limits(&self) -> bool {
        const AMOUNT: i128 = 1_000_000_000_000_000_000_000;
        const PRICE: i128 = 100_000_000_000_000;
        let small = |m: Micros, limit: i128| m.0.abs() <= limit;
        small(self.fixed, AMOUNT)
            && small(self.minimum, AMOUNT)
            && small(self.rate, PRICE)
            && small(self.above, PRICE)
            && (0..=100_000_000).contains(&self.included)
    }

    /// The volumes where the bill changes slope.
    fn kinks(&self) -> Vec<Ratio> {
        let mut kinks = Vec::new();
        if self.above.0 != 0 {
            kinks.push(Ratio::whole(self.included));
        }
        if self.minimum.0 > 0 {
            // Where each piece of the bill reaches the minimum, if it does within it.
            let below = Line {
                at_zero: self.fixed.0,
                slope: self.rate.0,
            };
            let mut lines = vec![below];
            if self.above.0 != 0 {
                lines.push(self.base_after(Ratio::whole(self.included)));
            }
            for line in lines {
                if line.slope > 0 && line.at_zero < self.minimum.0 {
                    let v = Ratio::new(self.minimum.0 - line.at_zero, line.slope);
                    if self.base_after(v) == line || v == Ratio::whole(self.included) {
                        kinks.push(v);
                    }
                }
            }
        }
        kinks
    }
}

/// Two quotes' bills cross at `volume`: above it, `cheaper_above` (0 for the first
/// curve given, 1 for the second) costs less.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Crossing {
    pub volume: Ratio,
    pub cheaper_above: usize,
}

/// Every volume above zero where the two bills cross, in increasing order.  A volume
/// where they touch and part again the same way round is no crossing.
///
/// Every fraction formed here is a bend of one bill (a whole number, or an amount
/// over a price per contact) or a root of two bills' difference, and each is only
/// multiplied by such a fraction's terms, never by a product of two: within
/// [`Curve::within_limits`] nothing overflows.
#[must_use]
pub fn crossings(a: &Curve, b: &Curve) -> Vec<Crossing> {
    let mut points: Vec<Ratio> = vec![Ratio::whole(0)];
    points.extend(a.kinks());
    points.extend(b.kinks());
    points.sort();
    points.dedup();
    // The difference a − b on each stretch from one bend to the next: a line.
    let stretches: Vec<(Line, Line)> = points
        .iter()
        .map(|&from| (a.line_after(from), b.line_after(from)))
        .collect();
    let slope = |(la, lb): &(Line, Line)| la.slope - lb.slope;
    // Above a root the bill whose line rises faster is the dearer one.
    let crossing = |volume, slope: i128| Crossing {
        volume,
        cheaper_above: usize::from(slope > 0),
    };
    let mut found = Vec::new();
    for (i, stretch) in stretches.iter().enumerate() {
        let (from, to) = (points[i], points.get(i + 1));
        let (la, lb) = stretch;
        let rising = slope(stretch);
        // A root strictly inside the stretch: the difference changes sign there.
        if rising != 0 {
            let root = Ratio::new(lb.at_zero - la.at_zero, rising);
            if root > from && to.is_none_or(|&to| root < to) {
                found.push(crossing(root, rising));
            }
        }
        // A root at the bend that starts the stretch: a crossing when the
        // difference falls (or rises) into it and goes on the same way.
        if i > 0 && la.scaled_at(from) == lb.scaled_at(from) {
            let before = slope(&stretches[i - 1]);
            if before != 0 && rising != 0 && before.signum() == rising.signum() {
                found.push(crossing(from, rising));
            }
        }
    }
    found.sort_by_key(|c| c.volume);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::money::MICROS;

    fn yen(n: i128) -> Micros {
        Micros(n * MICROS)
    }

    fn curve(fixed: i128, rate: i128, included: i128, above: i128, minimum: i128) -> Curve {
        Curve {
            fixed: yen(fixed),
            rate: yen(rate),
            included,
            above: yen(above),
            minimum: yen(minimum),
        }
    }

    #[test]
    fn a_fixed_plan_charges_call_over_above_its_volume() {
        let plan = curve(300_000, 0, 2_000, 180, 0);
        assert_eq!(plan.at(1_500), yen(300_000));
        assert_eq!(plan.at(2_000), yen(300_000));
        assert_eq!(plan.at(2_500), yen(390_000));
    }

    #[test]
    fn the_minimum_charge_is_a_floor() {
        let per_call = curve(0, 400, 0, 0, 200_000);
        assert_eq!(per_call.at(100), yen(200_000));
        assert_eq!(per_call.at(1_000), yen(400_000));
        assert_eq!(per_call.kinks(), vec![Ratio::whole(500)]);
    }

    #[test]
    fn a_per_call_plan_and_a_fixed_plan_cross_twice() {
        // 400 JPY a call against 300,000 JPY for 2,000 calls and 180 above.
        let per_call = curve(0, 400, 0, 0, 0);
        let fixed = curve(300_000, 0, 2_000, 180, 0);
        let found = crossings(&per_call, &fixed);
        assert_eq!(
            found,
            vec![Crossing {
                volume: Ratio::whole(750),
                cheaper_above: 1,
            }]
        );
        // Above 2,000 calls the fixed plan rises by 180 a call, the per-call one by
        // 400: they never meet again.
        let steep = curve(300_000, 0, 2_000, 500, 0);
        let found = crossings(&per_call, &steep);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].volume, Ratio::whole(750));
        // 300,000 + 500 (v − 2,000) = 400 v  ⇒  v = 7,000.
        assert_eq!(found[1].volume, Ratio::whole(7_000));
        assert_eq!(found[1].cheaper_above, 0);
    }

    #[test]
    fn a_crossing_at_a_fraction_is_exact() {
        let a = curve(100_000, 300, 0, 0, 0);
        let b = curve(0, 333, 0, 0, 0);
        let found = crossings(&a, &b);
        assert_eq!(found.len(), 1);
        let v = found[0].volume;
        assert_eq!((v.num, v.den), (100_000, 33));
        assert_eq!(a.at_ratio(v), b.at_ratio(v));
    }

    #[test]
    fn equal_bills_and_a_touch_are_no_crossing() {
        let a = curve(1_000, 10, 0, 0, 0);
        assert!(crossings(&a, &a).is_empty());
        // b = 500 up to 50 contacts, then 20 a contact more: it meets a = 10 v at 50
        // and stays above it on both sides.
        let a = curve(0, 10, 0, 0, 0);
        let b = curve(500, 0, 50, 20, 0);
        assert_eq!(b.at(50), a.at(50));
        assert!(crossings(&a, &b).is_empty());
    }
}
