//! Expiry events: which certificates get ACM's "ACM Certificate
//! Approaching Expiration" event today. ACM sends one a day for every
//! active certificate (issued, imported or private) from DaysBeforeExpiry
//! days before it expires.

use time::OffsetDateTime;

use crate::model::CertificateStatus;

/// The event's `source`.
pub const SOURCE: &str = "aws.acm";
/// The event's `detail-type`.
pub const DETAIL_TYPE: &str = "ACM Certificate Approaching Expiration";

/// The UTC day of `now`, as the store remembers it: `2027-01-31`.
pub fn day_of(now: OffsetDateTime) -> String {
    let d = now.to_offset(time::UtcOffset::UTC).date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// The certificate's `DaysToExpiry` if it is within `days_before_expiry`
/// days of its NotAfter, whatever was sent already: `status` is the
/// effective one (an expired certificate is past warning).
pub fn in_window(
    status: CertificateStatus,
    not_after: Option<OffsetDateTime>,
    now: OffsetDateTime,
    days_before_expiry: u32,
) -> Option<i64> {
    let not_after = not_after?;
    if status != CertificateStatus::Issued || now >= not_after {
        return None;
    }
    let left = not_after - now;
    (left <= time::Duration::days(i64::from(days_before_expiry))).then_some(left.whole_days())
}

/// `in_window`, unless today's event was sent already (`last_sent`, the day
/// the store remembers).
pub fn event_due(
    status: CertificateStatus,
    not_after: Option<OffsetDateTime>,
    now: OffsetDateTime,
    days_before_expiry: u32,
    last_sent: Option<&str>,
) -> Option<i64> {
    let days = in_window(status, not_after, now, days_before_expiry)?;
    (last_sent != Some(day_of(now).as_str())).then_some(days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2027-01-31 23:30 UTC);

    #[test]
    fn days_are_utc() {
        assert_eq!(day_of(NOW), "2027-01-31");
        assert_eq!(day_of(datetime!(2027-02-01 01:00 +02:00)), "2027-01-31");
    }

    #[test]
    fn events_table() {
        use CertificateStatus::*;
        let at = |days: i64| Some(NOW + Duration::days(days) + Duration::hours(1));
        for (status, not_after, window, last, want) in [
            (Issued, at(10), 45, None, Some(10)),
            (Issued, at(44), 45, None, Some(44)),
            (Issued, Some(NOW + Duration::days(45)), 45, None, Some(45)),
            (Issued, at(45), 45, None, None),
            (Issued, at(100), 45, None, None),
            (Issued, at(100), 120, None, Some(100)),
            (Issued, at(0), 45, None, Some(0)),
            // Sent today already; sent yesterday.
            (Issued, at(10), 45, Some("2027-01-31"), None),
            (Issued, at(10), 45, Some("2027-01-30"), Some(10)),
            // Expired, or not active: no warning.
            (Issued, Some(NOW - Duration::hours(1)), 45, None, None),
            (Issued, Some(NOW), 45, None, None),
            (Revoked, at(10), 45, None, None),
            (PendingValidation, None, 45, None, None),
            (Failed, None, 45, None, None),
            (Inactive, at(10), 45, None, None),
        ] {
            assert_eq!(
                event_due(status, not_after, NOW, window, last),
                want,
                "{status} {not_after:?} {window} {last:?}"
            );
        }
    }
}
