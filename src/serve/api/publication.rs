//! What serve publishes without a signature, as ACM Private CA does at its
//! CRL and OCSP names: `GET /crl/<id>.crl`, `GET /ca/<id>.crt`, and the OCSP
//! responder at `POST /ocsp` and `GET /ocsp/<base64 request>` (RFC 5019).
//! The answers come from `ops::ocsp::Publisher`; this is the HTTP around it.

use crate::ops::ocsp::Publisher;
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
        return Some(ocsp_response(publisher.respond_get(store, now, encoded)));
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
