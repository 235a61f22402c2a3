//! The temporal grammar, table-driven: each row is a text and the interval
//! its first temporal expression normalises to (`start/end`, ISO dates), or
//! `NONE` when the text holds no temporal expression. Forms without a year
//! and relative forms are anchored to 10 December 2019, the document date
//! the table assumes. Expected intervals were computed independently (with
//! Python's `datetime`), not with the code under test.

use corpuslint::rules::date::civil;
use corpuslint::rules::date::temporal::extract;

const ANCHOR: (i64, u32, u32) = (2019, 12, 10);

const TABLE: &[(&str, &str)] = &[
    ("on 21 January 2019", "2019-01-21/2019-01-21"),
    ("on January 21, 2019", "2019-01-21/2019-01-21"),
    ("by Jan. 21, 2018", "2018-01-21/2018-01-21"),
    ("in January 2021", "2021-01-01/2021-01-31"),
    ("in mid-January 2020", "2020-01-11/2020-01-21"),
    ("on 21 February 2019", "2019-02-21/2019-02-21"),
    ("on February 21, 2019", "2019-02-21/2019-02-21"),
    ("by Feb. 21, 2018", "2018-02-21/2018-02-21"),
    ("in February 2021", "2021-02-01/2021-02-28"),
    ("in mid-February 2020", "2020-02-10/2020-02-20"),
    ("on 21 March 2019", "2019-03-21/2019-03-21"),
    ("on March 21, 2019", "2019-03-21/2019-03-21"),
    ("by Mar. 21, 2018", "2018-03-21/2018-03-21"),
    ("in March 2021", "2021-03-01/2021-03-31"),
    ("in mid-March 2020", "2020-03-11/2020-03-21"),
    ("on 21 April 2019", "2019-04-21/2019-04-21"),
    ("on April 21, 2019", "2019-04-21/2019-04-21"),
    ("by Apr. 21, 2018", "2018-04-21/2018-04-21"),
    ("in April 2021", "2021-04-01/2021-04-30"),
    ("in mid-April 2020", "2020-04-11/2020-04-20"),
    ("on 21 May 2019", "2019-05-21/2019-05-21"),
    ("on May 21, 2019", "2019-05-21/2019-05-21"),
    ("by May 21, 2018", "2018-05-21/2018-05-21"),
    ("in May 2021", "2021-05-01/2021-05-31"),
    ("in mid-May 2020", "2020-05-11/2020-05-21"),
    ("on 21 June 2019", "2019-06-21/2019-06-21"),
    ("on June 21, 2019", "2019-06-21/2019-06-21"),
    ("by Jun. 21, 2018", "2018-06-21/2018-06-21"),
    ("in June 2021", "2021-06-01/2021-06-30"),
    ("in mid-June 2020", "2020-06-11/2020-06-20"),
    ("on 21 July 2019", "2019-07-21/2019-07-21"),
    ("on July 21, 2019", "2019-07-21/2019-07-21"),
    ("by Jul. 21, 2018", "2018-07-21/2018-07-21"),
    ("in July 2021", "2021-07-01/2021-07-31"),
    ("in mid-July 2020", "2020-07-11/2020-07-21"),
    ("on 21 August 2019", "2019-08-21/2019-08-21"),
    ("on August 21, 2019", "2019-08-21/2019-08-21"),
    ("by Aug. 21, 2018", "2018-08-21/2018-08-21"),
    ("in August 2021", "2021-08-01/2021-08-31"),
    ("in mid-August 2020", "2020-08-11/2020-08-21"),
    ("on 21 September 2019", "2019-09-21/2019-09-21"),
    ("on September 21, 2019", "2019-09-21/2019-09-21"),
    ("by Sept. 21, 2018", "2018-09-21/2018-09-21"),
    ("in September 2021", "2021-09-01/2021-09-30"),
    ("in mid-September 2020", "2020-09-11/2020-09-20"),
    ("on 21 October 2019", "2019-10-21/2019-10-21"),
    ("on October 21, 2019", "2019-10-21/2019-10-21"),
    ("by Oct. 21, 2018", "2018-10-21/2018-10-21"),
    ("in October 2021", "2021-10-01/2021-10-31"),
    ("in mid-October 2020", "2020-10-11/2020-10-21"),
    ("on 21 November 2019", "2019-11-21/2019-11-21"),
    ("on November 21, 2019", "2019-11-21/2019-11-21"),
    ("by Nov. 21, 2018", "2018-11-21/2018-11-21"),
    ("in November 2021", "2021-11-01/2021-11-30"),
    ("in mid-November 2020", "2020-11-11/2020-11-20"),
    ("on 21 December 2019", "2019-12-21/2019-12-21"),
    ("on December 21, 2019", "2019-12-21/2019-12-21"),
    ("by Dec. 21, 2018", "2018-12-21/2018-12-21"),
    ("in December 2021", "2021-12-01/2021-12-31"),
    ("in mid-December 2020", "2020-12-11/2020-12-21"),
    ("21 November 2019", "2019-11-21/2019-11-21"),
    ("November 21, 2019", "2019-11-21/2019-11-21"),
    ("January 1st, 2021", "2021-01-01/2021-01-01"),
    ("the 3rd of March 2020", "2020-03-03/2020-03-03"),
    ("Wednesday 20 April 2023", "2023-04-20/2023-04-20"),
    ("Tuesday, 3 March 2021", "2021-03-03/2021-03-03"),
    ("Friday, March 5, 2021", "2021-03-05/2021-03-05"),
    ("24–29 October 2019", "2019-10-24/2019-10-29"),
    ("24-29 October 2019", "2019-10-24/2019-10-29"),
    ("3 to 14 November 2021", "2021-11-03/2021-11-14"),
    ("October 24–29, 2019", "2019-10-24/2019-10-29"),
    ("28 June–2 July 2021", "2021-06-28/2021-07-02"),
    ("28 June to 2 July 2021", "2021-06-28/2021-07-02"),
    ("June 28 – July 2, 2021", "2021-06-28/2021-07-02"),
    ("30 December – 2 January 2024", "2023-12-30/2024-01-02"),
    ("October 24–29", "2019-10-24/2019-10-29"),
    ("24–29 October", "2019-10-24/2019-10-29"),
    ("on October 19", "2019-10-19/2019-10-19"),
    ("on 19 October", "2019-10-19/2019-10-19"),
    ("Saturday 16 March", "2019-03-16/2019-03-16"),
    ("in 2008", "2008-01-01/2008-12-31"),
    ("since 1991", "1991-01-01/1991-12-31"),
    ("The 2023 harvest", "2023-01-01/2023-12-31"),
    ("A 2021 survey", "2021-01-01/2021-12-31"),
    ("Slavic Shield 2019, the joint exercise", "2019-01-01/2019-12-31"),
    ("late 2022", "2022-09-01/2022-12-31"),
    ("early 2020", "2020-01-01/2020-05-02"),
    ("mid-2021", "2021-05-02/2021-09-01"),
    ("in mid 2021", "2021-05-02/2021-09-01"),
    ("Late 2018", "2018-09-01/2018-12-31"),
    ("the end of 2017", "2017-09-01/2017-12-31"),
    ("the first half of 2016", "2016-01-01/2016-07-01"),
    ("the second half of 2016", "2016-07-02/2016-12-31"),
    ("mid-July 2021", "2021-07-11/2021-07-21"),
    ("early March 2020", "2020-03-01/2020-03-11"),
    ("late October 2019", "2019-10-21/2019-10-31"),
    ("the beginning of May 2020", "2020-05-01/2020-05-11"),
    ("in late October", "2019-10-21/2019-10-31"),
    ("in January", "2019-01-01/2019-01-31"),
    ("during August", "2019-08-01/2019-08-31"),
    ("since March", "2019-03-01/2019-03-31"),
    ("November 2019", "2019-11-01/2019-11-30"),
    ("Nov. 2019", "2019-11-01/2019-11-30"),
    ("December, 2021", "2021-12-01/2021-12-31"),
    ("spring 2023", "2023-03-01/2023-05-31"),
    ("summer 2022", "2022-06-01/2022-08-31"),
    ("autumn 2021", "2021-09-01/2021-11-30"),
    ("fall 2020", "2020-09-01/2020-11-30"),
    ("winter 2019", "2019-12-01/2020-02-29"),
    ("the summer of 2015", "2015-06-01/2015-08-31"),
    ("early spring 2023", "2023-03-01/2023-03-31"),
    ("in the late summer", "2019-08-01/2019-08-31"),
    ("in spring", "2019-03-01/2019-05-31"),
    ("this summer", "2019-06-01/2019-08-31"),
    ("the 1920s", "1920-01-01/1929-12-31"),
    ("the 1990s", "1990-01-01/1999-12-31"),
    ("early 2020s", "2020-01-01/2023-05-02"),
    ("the late 1980s", "1986-09-01/1989-12-31"),
    ("the mid-1970s", "1973-05-02/1976-08-31"),
    ("the nineteen-eighties", "1980-01-01/1989-12-31"),
    ("the early nineteen-nineties", "1990-01-01/1993-05-02"),
    ("the late nineteen-eighties", "1986-09-01/1989-12-31"),
    ("the eighteen-sixties", "1860-01-01/1869-12-31"),
    ("the twentieth century", "1901-01-01/2000-12-31"),
    ("the early twentieth century", "1901-01-01/1934-05-03"),
    ("the 19th century", "1801-01-01/1900-12-31"),
    ("the late 18th century", "1767-09-01/1800-12-31"),
    ("the twenty-first century", "2001-01-01/2100-12-31"),
    ("2016–2019", "2016-01-01/2019-12-31"),
    ("from 2016 to 2019", "2016-01-01/2019-12-31"),
    ("2020–21", "2020-01-01/2021-12-31"),
    ("1991-1992", "1991-01-01/1992-12-31"),
    ("2023-04-04", "2023-04-04/2023-04-04"),
    ("2019/10/24", "2019-10-24/2019-10-24"),
    ("last year", "2018-01-01/2018-12-31"),
    ("next year", "2020-01-01/2020-12-31"),
    ("this year", "2019-01-01/2019-12-31"),
    ("earlier this year", "2019-01-01/2019-12-10"),
    ("later this year", "2019-12-10/2019-12-31"),
    ("last month", "2019-11-01/2019-11-30"),
    ("this month", "2019-12-01/2019-12-31"),
    ("earlier this month", "2019-12-01/2019-12-10"),
    ("next month", "2020-01-01/2020-01-31"),
    ("this week", "2019-12-09/2019-12-15"),
    ("last week", "2019-12-02/2019-12-08"),
    ("next week", "2019-12-16/2019-12-22"),
    ("yesterday", "2019-12-09/2019-12-09"),
    ("today", "2019-12-10/2019-12-10"),
    ("a few days ago", "2019-12-01/2019-12-08"),
    ("several weeks ago", "2019-10-08/2019-11-26"),
    ("two weeks ago", "2019-11-23/2019-11-29"),
    ("three years ago", "2016-06-11/2017-06-10"),
    ("a year ago", "2018-06-11/2019-06-10"),
    ("10 days ago", "2019-11-30/2019-11-30"),
    ("a month ago", "2019-10-26/2019-11-25"),
    ("31 June 2021", "2021-06-01/2021-06-30"),
    ("29 February 2019", "2019-02-01/2019-02-28"),
    ("29 February 2028", "2028-02-29/2028-02-29"),
    ("2022-13-05", "2022-01-01/2022-12-31"),
    ("2023-02-30", "2023-02-01/2023-02-28"),
    ("Soviet Studies, 42.1 (1990), pp. 33–43", "NONE"),
    ("pp. 2468–2489", "NONE"),
    ("resolution 1244", "NONE"),
    ("2000 households", "NONE"),
    ("port 6379", "NONE"),
    ("NGC 5457", "NONE"),
    ("HTTP 502", "NONE"),
    ("v3.8.1", "NONE"),
    ("No. 2019", "NONE"),
    ("€2019 million", "NONE"),
    ("2,675 accounts", "NONE"),
    ("Key Stage 2", "NONE"),
    ("M42", "NONE"),
    ("the G20", "NONE"),
    ("COVID-19", "NONE"),
    ("MiG-29", "NONE"),
    ("in May we may go", "2019-05-01/2019-05-31"),
    ("may 2019", "2019-01-01/2019-12-31"),
    ("friday, 3 december 2014", "2014-12-03/2014-12-03"),
    ("MONDAY 3 DECEMBER 2014", "2014-12-03/2014-12-03"),
    ("2021-07-02 (Friday)", "2021-07-02/2021-07-02"),
    ("Mo 6 October 2014", "2014-10-06/2014-10-06"),
    ("on 7 October 2014, a Tuesday", "2014-10-07/2014-10-07"),
    ("31.10.2014", "2014-10-31/2014-10-31"),
    ("25/03/2019", "2019-03-25/2019-03-25"),
    ("03/25/2019", "2019-03-25/2019-03-25"),
    ("1/2/2019", "NONE"),
    ("from January 1 – 10, 2016", "2016-01-01/2016-01-10"),
    ("Article 5", "NONE"),
    ("09:10 to 09:47", "NONE"),
    ("4 per cent", "NONE"),
    ("3 km", "NONE"),
    ("the Second World War", "NONE"),
    ("section 1999-2", "NONE"),
    ("room 2001", "NONE"),
    ("ISBN 2019", "NONE"),
    ("Mar 5", "2019-03-05/2019-03-05"),
    ("on 32 March 2019", "2019-03-01/2019-03-31"),
    ("May", "NONE"),
    ("in March the army", "2019-03-01/2019-03-31"),
];

fn iso(day: civil::Day) -> String {
    let (y, m, d) = civil::civil(day);
    format!("{y:04}-{m:02}-{d:02}")
}

#[test]
fn temporal_expressions_normalise_to_intervals() {
    assert!(TABLE.len() >= 150, "the grammar table keeps at least 150 rows");
    let anchor = civil::day(ANCHOR.0, ANCHOR.1, ANCHOR.2);
    let mut failures = Vec::new();
    for (text, want) in TABLE {
        let got = extract(text, Some(anchor))
            .first()
            .map(|e| format!("{}/{}", iso(e.start), iso(e.end)))
            .unwrap_or_else(|| "NONE".into());
        if got != *want {
            failures.push(format!("{text:?}: got {got}, want {want}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} rows differ:\n{}", failures.len(), TABLE.len(), failures.join("\n"));
}

#[test]
fn results_never_depend_on_today() {
    // Relative and year-less forms need an anchor; without one they are skipped.
    for text in ["last year", "a few days ago", "on 19 October", "in January", "this summer"] {
        assert!(extract(text, None).is_empty(), "{text}");
    }
    assert_eq!(extract("21 November 2019", None).len(), 1);
}

#[test]
fn weekdays_and_impossible_dates_are_recorded() {
    let e = &extract("on Wednesday 20 April 2023", None)[0];
    assert_eq!(e.weekday, Some(2));
    let e = &extract("on 31 June 2021", None)[0];
    assert_eq!(e.impossible.as_deref(), Some("June has 30 days"));
    let e = &extract("29 February 2019", None)[0];
    assert!(e.impossible.as_deref().unwrap().contains("not a leap year"));
    assert!(extract("29 February 2028", None)[0].impossible.is_none());
}

#[test]
fn year_less_dates_borrow_the_year_written_next() {
    let anchor = civil::day(2022, 6, 1);
    let e = extract("Visiting days: Saturday 16 March and Sunday 17 March 2024", Some(anchor));
    assert_eq!(iso(e[0].start), "2024-03-16");
    assert!(e[0].year_stated);
}
