//! Times as acmctl prints them: RFC 3339, whole seconds in UTC. (The clock
//! itself, the system's or ACMCTL_NOW, is in `settings`.)

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub fn rfc3339(t: OffsetDateTime) -> String {
    // Whole seconds in UTC, as nearly every time acmctl prints is (X.509
    // times have no fraction): written directly. `cert list` prints one per
    // certificate, and the general formatter makes a dozen small writes.
    if t.nanosecond() == 0 && t.offset().is_utc() && (0..=9999).contains(&t.year()) {
        let mut s = String::with_capacity(20);
        let parts = [(t.year() as u32, 4, '-'), (u8::from(t.month()).into(), 2, '-'), (t.day().into(), 2, 'T')];
        let clock = [(t.hour().into(), 2, ':'), (t.minute().into(), 2, ':'), (t.second().into(), 2, 'Z')];
        for (n, width, after) in parts.into_iter().chain(clock) {
            for place in (0..width).rev() {
                s.push(char::from(b'0' + (n / 10u32.pow(place) % 10) as u8));
            }
            s.push(after);
        }
        return s;
    }
    t.format(&Rfc3339).expect("every UTC time formats as RFC 3339")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_seconds_in_utc_are_written_as_the_formatter_writes_them() {
        let mut t = OffsetDateTime::UNIX_EPOCH.replace_year(0).unwrap();
        let end = OffsetDateTime::UNIX_EPOCH.replace_year(9999).unwrap();
        // Steps that are not a whole number of days or hours, so every
        // field takes many values.
        let step = time::Duration::seconds(86_400 * 211 + 3_600 * 7 + 60 * 13 + 37);
        let mut checked = 0;
        while t < end {
            assert_eq!(rfc3339(t), t.format(&Rfc3339).unwrap(), "{t}");
            t += step;
            checked += 1;
        }
        assert!(checked > 15_000);
        // A fraction, or another offset, takes the general formatter.
        let fraction = OffsetDateTime::UNIX_EPOCH + time::Duration::milliseconds(1_500);
        assert_eq!(rfc3339(fraction), "1970-01-01T00:00:01.5Z");
        let offset = OffsetDateTime::UNIX_EPOCH.to_offset(time::UtcOffset::from_hms(2, 0, 0).unwrap());
        assert_eq!(rfc3339(offset), "1970-01-01T02:00:00+02:00");
    }
}
