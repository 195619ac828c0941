//! AWS JSON 1.1 (ACM-API.md §2): `POST /` with `X-Amz-Target`, verified by
//! SigV4, input checked against the model, then handed to the operations
//! layer through `Api`; the answer or error goes back as JSON with a request
//! ID. Every request, however bad, gets an answer here: nothing panics.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Instant, SystemTime};

use serde_json::Value;
use time::OffsetDateTime;

use crate::model::Region;
use crate::serve::error::ApiError;
use crate::serve::http::{Request, Response};
use crate::serve::log::{RequestRecord, printable};
use crate::serve::operation::{Operation, Service, Target};
use crate::serve::shapes;
use crate::serve::sigv4::Verifier;

pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// What an operation knows of its request besides the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestContext {
    /// Sent back as `x-amzn-RequestId`; also in the log line.
    pub request_id: String,
    /// The credential scope's region: where the operation acts.
    pub region: Region,
    pub service: Service,
    /// The access key that signed (None under `--any-credentials`).
    pub access_key_id: Option<String>,
    /// The system time the request was verified at (not `ACMCTL_NOW`).
    pub received_at: SystemTime,
}

/// The operations layer, as serve calls it. `call` gets an operation that
/// acmctl supports, with input that has passed the model's checks (JSON
/// types, required members, lengths, ranges, patterns, enums), and returns
/// the output as JSON: RFC 3339 strings in timestamp members become epoch
/// seconds, and nulls and members the model lacks are dropped, on the way
/// out. A panic becomes a 500 for that request only.
pub trait Api: Send + Sync {
    fn call(&self, ctx: &RequestContext, op: Operation, input: Value) -> Result<Value, ApiError>;

    /// Plain `GET` routes outside the AWS protocol, such as the EMAIL
    /// approval link `GET /acmctl/approve?arn=…&token=…` (ACM-API.md §1).
    /// Unsigned: whatever they do must carry its own proof (the token).
    fn get(&self, path: &str, query: &str) -> Option<Response> {
        let _ = (path, query);
        None
    }

    /// Plain `POST` routes outside the AWS protocol (any path but `/`),
    /// such as the OCSP responder's `POST /ocsp`. Unsigned, like `get`:
    /// what they answer is public, as ACM Private CA's CRLs and OCSP are.
    fn post(&self, path: &str, body: &[u8]) -> Option<Response> {
        let _ = (path, body);
        None
    }
}

/// A request's answer and its log line.
#[derive(Debug)]
pub struct Handled {
    pub response: Response,
    pub record: RequestRecord,
}

/// Turns requests into responses: routing, SigV4, dispatch, errors.
pub struct Handler<A> {
    pub api: A,
    pub verifier: Verifier,
}

fn new_request_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The response to an API error.
pub fn error_response(e: &ApiError, request_id: &str) -> Response {
    let mut r = Response::new(e.status, CONTENT_TYPE, e.body());
    r.headers.push(("x-amzn-RequestId".into(), request_id.into()));
    if let Some(rule) = &e.rule {
        r.headers.push(("x-acmctl-rule".into(), rule.clone()));
    }
    r
}

/// A request whose body is over the limit: refused before it is read. The
/// OCSP responder's clients read an OCSP answer, not JSON: to them it is a
/// `malformedRequest` (RFC 6960 4.2.1), as a smaller bad request is.
pub fn body_too_large(limit: usize, path: &str) -> (Response, RequestRecord) {
    let id = new_request_id();
    let e = ApiError::validation(format!(
        "The request body is larger than {limit} bytes ({} MiB), the most acmctl serve accepts.",
        limit / (1024 * 1024)
    ));
    let record = record(&id, None, "-".into(), &e, Instant::now());
    if path == "/ocsp" || path == "/ocsp/" {
        let der = crate::pki::ocsp::unsuccessful_response(crate::pki::ocsp::Unsuccessful::MalformedRequest);
        return (Response::new(200, crate::serve::api::publication::OCSP_RESPONSE_TYPE, der), record);
    }
    (error_response(&e, &id), record)
}

fn record(id: &str, region: Option<Region>, operation: String, e: &ApiError, started: Instant) -> RequestRecord {
    RequestRecord {
        time: OffsetDateTime::now_utc(),
        request_id: id.into(),
        region,
        operation,
        status: e.status,
        error_code: Some(e.code.clone()),
        rule: e.rule.clone(),
        elapsed: started.elapsed(),
    }
}

impl<A: Api> Handler<A> {
    pub fn new(api: A, verifier: Verifier) -> Self {
        Handler { api, verifier }
    }

    /// Answers one request; `now` is the system time, for SigV4's clock.
    pub fn handle(&self, request: &Request, now: SystemTime) -> Handled {
        let started = Instant::now();
        let id = new_request_id();
        let plain = |status: u16, text: &str, operation: String| {
            let mut response = Response::text(status, text);
            response.headers.push(("x-amzn-RequestId".into(), id.clone()));
            let record = RequestRecord {
                time: OffsetDateTime::now_utc(),
                request_id: id.clone(),
                region: None,
                operation,
                status,
                error_code: None,
                rule: None,
                elapsed: started.elapsed(),
            };
            Handled { response, record }
        };
        let path = request.path();
        let route = format!("{} {}", printable(request.method.as_bytes()), printable(path.as_bytes()));
        if request.method == "POST" && path.starts_with("/service/") {
            return plain(
                404,
                "acmctl serve speaks AWS JSON 1.1 only (POST / with X-Amz-Target); the rpcv2Cbor protocol is not supported.",
                route,
            );
        }
        if request.method == "GET" && path != "/" {
            return match catch_unwind(AssertUnwindSafe(|| self.api.get(path, request.query()))) {
                Ok(Some(response)) => {
                    let mut h = plain(response.status, "", route);
                    h.response = response;
                    h
                }
                Ok(None) => plain(404, "Not found.", route),
                Err(_) => plain(500, "Internal error.", route),
            };
        }
        if request.method == "POST" && path != "/" {
            return match catch_unwind(AssertUnwindSafe(|| self.api.post(path, &request.body))) {
                Ok(Some(response)) => {
                    let mut h = plain(response.status, "", route);
                    h.response = response;
                    h
                }
                Ok(None) => plain(404, "Not found: acmctl serve answers POST / (AWS JSON 1.1).", route),
                Err(_) => plain(500, "Internal error.", route),
            };
        }
        if path != "/" {
            return plain(404, "Not found: acmctl serve answers POST / (AWS JSON 1.1).", route);
        }
        if request.method != "POST" {
            let mut h = plain(405, "acmctl serve answers POST / (AWS JSON 1.1).", route);
            h.response.headers.push(("Allow".into(), "POST".into()));
            return h;
        }
        let target_value = request.header("x-amz-target").unwrap_or_default();
        let target_text = std::str::from_utf8(target_value).unwrap_or("");
        let target = Target::parse(target_text);
        let operation = match &target {
            Target::Known(op) => op.to_string(),
            _ if target_value.is_empty() => "-".into(),
            _ => printable(target_value),
        };
        let fail = |e: ApiError, region: Option<Region>| Handled {
            response: error_response(&e, &id),
            record: record(&id, region, operation.clone(), &e, started),
        };
        let verified = match self.verifier.verify(request, target.service(), now) {
            Ok(v) => v,
            Err(e) => return fail(e.into(), None),
        };
        let region = Some(verified.region);
        let op = match target {
            Target::Known(op) if op.supported() => op,
            Target::Known(op) => return fail(ApiError::unsupported(op), region),
            _ => return fail(ApiError::unknown_operation(target_text), region),
        };
        let input = match parse_input(&request.body) {
            Ok(v) => v,
            Err(e) => return fail(e, region),
        };
        if let Err(e) = shapes::validate_input(op, &input) {
            return fail(e, region);
        }
        let ctx = RequestContext {
            request_id: id.clone(),
            region: verified.region,
            service: op.service(),
            access_key_id: verified.access_key_id,
            received_at: now,
        };
        let result = catch_unwind(AssertUnwindSafe(|| self.api.call(&ctx, op, input)))
            .unwrap_or_else(|_| Err(ApiError::internal(op.service(), format!("Internal error (request {id})."))));
        match result {
            Ok(mut output) => {
                if !output.is_object() {
                    output = Value::Object(Default::default());
                }
                shapes::conform_output(op, &mut output);
                let body = serde_json::to_vec(&output).expect("JSON values serialise");
                let mut response = Response::new(200, CONTENT_TYPE, body);
                response.headers.push(("x-amzn-RequestId".into(), id.clone()));
                let record = RequestRecord {
                    time: OffsetDateTime::now_utc(),
                    request_id: id,
                    region,
                    operation,
                    status: 200,
                    error_code: None,
                    rule: None,
                    elapsed: started.elapsed(),
                };
                Handled { response, record }
            }
            Err(e) => fail(e, region),
        }
    }
}

/// The body as JSON: an object, or nothing at all (`{}`, as the Smithy
/// protocol tests allow).
pub fn parse_input(body: &[u8]) -> Result<Value, ApiError> {
    if body.trim_ascii().is_empty() {
        return Ok(Value::Object(Default::default()));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(v @ Value::Object(_)) => Ok(v),
        Ok(Value::Array(_)) => Err(ApiError::serialization("Start of list found where not expected")),
        Ok(_) => Err(ApiError::serialization("Expected a JSON object as the request body.")),
        Err(e) => Err(ApiError::serialization(format!(
            "The request body is not valid JSON (line {}, column {}).",
            e.line(),
            e.column()
        ))),
    }
}

#[cfg(test)]
mod tests;
