//! The clock: the system's, or `ACMCTL_NOW` (RFC 3339), so that expiry,
//! renewal windows and validation time-outs can be tried without waiting.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::error::{Error, Result};

pub fn now() -> Result<OffsetDateTime> {
    match std::env::var("ACMCTL_NOW") {
        Ok(s) if !s.is_empty() => {
            OffsetDateTime::parse(&s, &Rfc3339).map(|t| t.to_offset(time::UtcOffset::UTC)).map_err(|e| {
                Error::invalid(format!("ACMCTL_NOW '{s}' is not an RFC 3339 time: {e}"))
                    .with_hint("for example ACMCTL_NOW=2027-01-31T12:00:00Z")
            })
        }
        _ => Ok(OffsetDateTime::now_utc().replace_nanosecond(0).expect("0 is a valid nanosecond")),
    }
}

pub fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).expect("every UTC time formats as RFC 3339")
}
