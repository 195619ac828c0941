//! What serve publishes without a signature, as ACM Private CA does at its
//! CRL and OCSP names: `GET /crl/<id>.crl`, `GET /ca/<id>.crt`, and the OCSP
//! responder at `POST /ocsp` and `GET /ocsp/<base64 request>` (RFC 5019).
//! The answers come from `ops::ocsp::Publisher`; this is the HTTP around it.

use time::OffsetDateTime;

use crate::ops::ocsp::{Publisher, RESPONSE_VALIDITY};
use crate::serve::http::Response;
use crate::settings::Settings;
use crate::store::Store;

pub const CRL_TYPE: &str = "application/pkix-crl";
pub const CERT_TYPE: &str = "application/pkix-cert";
pub const OCSP_RESPONSE_TYPE: &str = "application/ocsp-response";

/// The OCSP answer as HTTP: every OCSP status, `malformedRequest` and
/// `unauthorized` included, is a 200 with an OCSPResponse body (RFC 6960
/// appendix A), which is what clients read.
fn ocsp_response(r: crate::pki::ocsp::Response) -> Response {
    Response::new(200, OCSP_RESPONSE_TYPE, r.der)
}

/// RFC 5019 section 6.2: what lets HTTP caches between clients and serve
/// keep a GET answer, for as long as serve itself would give the same one
/// (half the response's validity). An answer with a nonce is not cacheable
/// and gets none of these.
fn cache_headers(produced_at: OffsetDateTime, now: OffsetDateTime) -> Vec<(String, String)> {
    let next_update = produced_at + RESPONSE_VALIDITY;
    let refresh: OffsetDateTime = produced_at + RESPONSE_VALIDITY / 2;
    let max_age = (refresh - now).whole_seconds().max(0);
    vec![
        ("Cache-Control".into(), format!("max-age={max_age}, public, no-transform, must-revalidate")),
        ("Last-Modified".into(), http_date(produced_at)),
        ("Expires".into(), http_date(next_update)),
    ]
}

/// An HTTP-date (RFC 9110 5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`.
fn http_date(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    let weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][usize::from(t.weekday().number_days_from_monday())];
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        [usize::from(u8::from(t.month()) - 1)];
    format!("{weekday}, {:02} {month} {} {:02}:{:02}:{:02} GMT", t.day(), t.year(), t.hour(), t.minute(), t.second())
}

/// A published file, or the 404 of an authority that publishes none.
fn file(content_type: &str, body: Option<Vec<u8>>, what: &str) -> Response {
    match body {
        Some(der) => Response::new(200, content_type, der),
        None => Response::text(404, &format!("Not found: no authority publishes {what} here.")),
    }
}

/// `GET` routes; None for a path that is not one of them.
pub fn get(publisher: &Publisher, store: &Store, settings: &Settings, path: &str) -> Option<Response> {
    let now = settings.clock.now();
    if let Some(id) = path.strip_prefix("/crl/").and_then(|p| p.strip_suffix(".crl")) {
        return Some(file(CRL_TYPE, publisher.crl(store, settings, now, id), "this CRL"));
    }
    if let Some(id) = path.strip_prefix("/ca/").and_then(|p| p.strip_suffix(".crt")) {
        return Some(file(CERT_TYPE, publisher.certificate(store, id), "this certificate"));
    }
    if let Some(encoded) = path.strip_prefix("/ocsp/") {
        let (answer, produced_at) = publisher.respond_get_cacheable(store, now, encoded);
        let mut response = ocsp_response(answer);
        if let Some(produced_at) = produced_at {
            response.headers.extend(cache_headers(produced_at, now));
        }
        return Some(response);
    }
    // `GET /ocsp` carries no request: malformed, as an empty POST is.
    if path == "/ocsp" {
        return Some(ocsp_response(publisher.respond(store, now, b"")));
    }
    None
}

/// `POST /ocsp` (also `/ocsp/`, as some clients append a slash), whatever
/// its Content-Type: the body is read as DER and answered
/// `malformedRequest` when it is not an OCSP request.
pub fn post(publisher: &Publisher, store: &Store, settings: &Settings, path: &str, body: &[u8]) -> Option<Response> {
    if path != "/ocsp" && path != "/ocsp/" {
        return None;
    }
    Some(ocsp_response(publisher.respond(store, settings.clock.now(), body)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_and_cache_lifetimes() {
        let t = time::macros::datetime!(1994-11-06 08:49:37 UTC);
        assert_eq!(http_date(t), "Sun, 06 Nov 1994 08:49:37 GMT");
        let h = cache_headers(t, t + time::Duration::minutes(10));
        assert_eq!(h[0].1, "max-age=1200, public, no-transform, must-revalidate");
        assert_eq!(h[1].1, "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(h[2].1, "Sun, 06 Nov 1994 09:49:37 GMT");
        // Past serve's own refresh point: nothing left to cache.
        assert!(cache_headers(t, t + time::Duration::hours(2))[0].1.starts_with("max-age=0,"));
    }
}
