//! Civil (proleptic Gregorian) dates as day numbers: the one place that
//! knows month lengths, leap years and weekdays.

/// Days since 1970-01-01 (negative before).
pub type Day = i64;

pub fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn month_len(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether `y-m-d` exists.
pub fn valid(y: i64, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= month_len(y, m)
}

/// Day number of a valid date (Howard Hinnant's `days_from_civil`).
pub fn day(y: i64, m: u32, d: u32) -> Day {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number.
pub fn civil(z: Day) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// 0 = Monday … 6 = Sunday.
pub fn weekday(z: Day) -> u32 {
    (z + 3).rem_euclid(7) as u32
}

/// The name of a weekday (0 = Monday), from the lexicon.
pub fn weekday_name(wd: u32) -> &'static str {
    &crate::text::lexicon::Lexicon::builtin().weekdays[wd as usize]
}

/// The name of a month (1 = January), from the lexicon.
pub fn month_name(m: u32) -> &'static str {
    &crate::text::lexicon::Lexicon::builtin().months[m as usize - 1]
}

/// First and last day of a month.
pub fn month_span(y: i64, m: u32) -> (Day, Day) {
    (day(y, m, 1), day(y, m, month_len(y, m)))
}

/// First and last day of a year.
pub fn year_span(y: i64) -> (Day, Day) {
    (day(y, 1, 1), day(y, 12, 31))
}

/// "21 November 2019".
pub fn format(z: Day) -> String {
    let (y, m, d) = civil(z);
    format!("{d} {} {y}", month_name(m))
}

/// "21–24 January 2020", "27 June – 1 July 2022", "January 2020", "2020".
pub fn format_span(a: Day, b: Day) -> String {
    let ((ya, ma, da), (yb, mb, db)) = (civil(a), civil(b));
    let month = month_name;
    if a == b {
        format(a)
    } else if ya == yb && ma == 1 && da == 1 && mb == 12 && db == 31 {
        format!("{ya}")
    } else if ya == yb && ma == mb && da == 1 && db == month_len(yb, mb) {
        format!("{} {ya}", month(ma))
    } else if ya == yb && ma == mb {
        format!("{da}–{db} {} {ya}", month(ma))
    } else if ya == yb {
        format!("{da} {} – {db} {} {ya}", month(ma), month(mb))
    } else {
        format!("{} – {}", format(a), format(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_weekdays() {
        assert_eq!(day(1970, 1, 1), 0);
        for z in [-800_000, -1, 0, 59, 11_016, 19_000, 50_000] {
            let (y, m, d) = civil(z);
            assert_eq!(day(y, m, d), z);
        }
        assert_eq!(weekday_name(weekday(day(2022, 11, 8))), "Tuesday");
        assert_eq!(weekday_name(weekday(day(2023, 3, 30))), "Thursday");
        assert_eq!(weekday_name(weekday(day(2000, 2, 29))), "Tuesday");
        assert!(valid(2024, 2, 29) && !valid(2023, 2, 29) && !valid(2023, 4, 31) && !valid(2023, 13, 1));
        assert!(!is_leap(1900) && is_leap(2000));
        assert_eq!(format_span(day(2020, 1, 21), day(2020, 1, 24)), "21–24 January 2020");
        assert_eq!(format_span(day(2022, 6, 27), day(2022, 7, 1)), "27 June – 1 July 2022");
    }
}
