//! HTTP/1.1 on one connection: read a request (head by `httparse`, body by
//! Content-Length or chunked), with limits and deadlines, and write a
//! response. Nothing here knows about AWS; `protocol` does.
//!
//! Why not a server crate: tiny_http 0.12 sets no read timeout on the
//! sockets it accepts and hands the body to the worker as a blocking reader,
//! so a client that stops half-way through its body holds a worker for ever;
//! hyper needs tokio's net and time drivers for one route. The whole server
//! is this file and `server.rs`, and every read has a deadline.

use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

/// Sizes a request may not exceed.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Request line and headers together.
    pub max_head: usize,
    pub max_headers: usize,
    /// The body after any chunked coding is removed (ACM-API.md §2.1: a
    /// 2 MiB chain is 2.8 MB in base64).
    pub max_body: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_head: 64 * 1024, max_headers: 100, max_body: 4 * 1024 * 1024 }
    }
}

/// How long a connection may take.
#[derive(Clone, Copy, Debug)]
pub struct Timeouts {
    /// Waiting for the first byte of the next request on a kept-alive
    /// connection.
    pub idle: Duration,
    /// From a request's first byte to its last: a client that sends a byte at
    /// a time, or stops half-way, is cut off after this.
    pub request: Duration,
    /// Writing a response to a client that does not read it.
    pub write: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts { idle: Duration::from_secs(60), request: Duration::from_secs(30), write: Duration::from_secs(30) }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// Lowercased: HTTP names are case-insensitive, and SigV4 wants them so.
    pub name: String,
    /// As received, less the optional whitespace around it.
    pub value: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The request-target as received: path and query, still percent-encoded.
    pub target: String,
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    pub minor_version: u8,
    /// In the order received; a repeated header appears more than once.
    pub headers: Vec<Header>,
    pub body: Vec<u8>,
}

impl Request {
    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&[u8]> {
        self.headers.iter().find(|h| h.name == name).map(|h| h.value.as_slice())
    }

    /// The first value of a header, if it is UTF-8.
    pub fn header_str(&self, name: &str) -> Option<&str> {
        self.header(name).and_then(|v| std::str::from_utf8(v).ok())
    }

    /// Every value of a header, in the order received.
    pub fn headers_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.headers.iter().filter(move |h| h.name == name).map(|h| h.value.as_slice())
    }

    /// The path of the target, without the query; an absolute-form target
    /// (`http://host/path`) gives its path.
    pub fn path(&self) -> &str {
        let t = strip_authority(&self.target);
        t.split_once('?').map_or(t, |(p, _)| p)
    }

    pub fn query(&self) -> &str {
        strip_authority(&self.target).split_once('?').map_or("", |(_, q)| q)
    }

    /// Whether the client wants the connection kept after this request.
    pub fn keep_alive(&self) -> bool {
        let has = |token: &str| {
            self.headers_named("connection")
                .flat_map(|v| v.split(|b| *b == b','))
                .any(|t| t.trim_ascii().eq_ignore_ascii_case(token.as_bytes()))
        };
        if self.minor_version == 0 { has("keep-alive") } else { !has("close") }
    }
}

fn strip_authority(target: &str) -> &str {
    for scheme in ["http://", "https://"] {
        if let Some(rest) = target.strip_prefix(scheme) {
            return rest.find('/').map_or("/", |i| &rest[i..]);
        }
    }
    target
}

/// Why no request was read. Each maps to what the connection does next.
#[derive(Debug)]
pub enum ReadError {
    /// The client closed the connection between requests: nothing to answer.
    Closed,
    /// The client went silent or closed the connection mid-request, or the
    /// socket failed: close without answering.
    Io(io::Error),
    /// Not HTTP/1.x as a server may accept it: answer 400 and close.
    Malformed(&'static str),
    /// Request line and headers over `Limits::max_head` or `max_headers`:
    /// answer 431 and close.
    HeadTooLarge,
    /// A transfer coding other than chunked: answer 501 and close.
    UnsupportedTransferEncoding,
    /// The body is over `Limits::max_body`. `declared` is its Content-Length
    /// when it has one, so that the caller can read past it and keep the
    /// connection.
    BodyTooLarge { declared: Option<u64>, path: String },
}

impl ReadError {
    pub fn describe(&self) -> String {
        match self {
            ReadError::Closed => "connection closed".into(),
            ReadError::Io(e) if is_timeout(e) => "timed out reading the request".into(),
            ReadError::Io(e) => format!("reading the request: {e}"),
            ReadError::Malformed(why) => format!("malformed HTTP request: {why}"),
            ReadError::HeadTooLarge => "request headers too large".into(),
            ReadError::UnsupportedTransferEncoding => "unsupported Transfer-Encoding".into(),
            ReadError::BodyTooLarge { .. } => "request body too large".into(),
        }
    }
}

pub fn is_timeout(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut)
}

/// A byte stream whose reads can be given a time limit: a TCP socket, or a
/// slice in tests and fuzzing (which never waits).
pub trait Timed: Read + Write {
    /// Limits the next reads to `timeout` (None: wait for ever).
    fn set_read_limit(&mut self, timeout: Option<Duration>) -> io::Result<()>;
}

impl Timed for std::net::TcpStream {
    fn set_read_limit(&mut self, timeout: Option<Duration>) -> io::Result<()> {
        // A zero timeout is refused by the socket API: the deadline has
        // passed, which the caller reports as a time-out.
        let timeout = timeout.map(|t| t.max(Duration::from_millis(1)));
        self.set_read_timeout(timeout)
    }
}

/// One connection: the stream and the bytes read past the last request
/// (a pipelining client may send the next one at once).
pub struct Connection<S> {
    pub stream: S,
    buf: Vec<u8>,
    pub limits: Limits,
    pub timeouts: Timeouts,
}

const READ_CHUNK: usize = 16 * 1024;

impl<S: Timed> Connection<S> {
    pub fn new(stream: S, limits: Limits, timeouts: Timeouts) -> Self {
        Connection { stream, buf: Vec::with_capacity(READ_CHUNK), limits, timeouts }
    }

    /// Reads more bytes into the buffer before `deadline`; Ok(0) at the end
    /// of the stream.
    fn fill(&mut self, deadline: Instant) -> io::Result<usize> {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::Error::new(io::ErrorKind::TimedOut, "deadline passed"));
        }
        self.stream.set_read_limit(Some(left))?;
        let start = self.buf.len();
        self.buf.resize(start + READ_CHUNK, 0);
        let n = loop {
            match self.stream.read(&mut self.buf[start..]) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => break other,
            }
        };
        self.buf.truncate(start + *n.as_ref().unwrap_or(&0));
        n
    }

    /// Reads the next request. Between requests the connection may stay
    /// idle for `timeouts.idle`; once a byte has come, the whole request must
    /// arrive within `timeouts.request`.
    pub fn read_request(&mut self) -> Result<Request, ReadError> {
        let mut deadline = Instant::now() + self.timeouts.idle;
        let mut started = false;
        let (head, head_len) = loop {
            // RFC 9112 §2.2: empty lines before a request line are ignored.
            let blank = self.buf.iter().take_while(|b| **b == b'\r' || **b == b'\n').count();
            self.buf.drain(..blank);
            if !self.buf.is_empty() && !started {
                started = true;
                deadline = Instant::now() + self.timeouts.request;
            }
            if !self.buf.is_empty() {
                match parse_head(&self.buf, &self.limits)? {
                    Some(parsed) => break parsed,
                    None if self.buf.len() > self.limits.max_head => return Err(ReadError::HeadTooLarge),
                    None => {}
                }
            }
            match self.fill(deadline) {
                Ok(0) if self.buf.is_empty() => return Err(ReadError::Closed),
                Ok(0) => return Err(ReadError::Io(io::ErrorKind::UnexpectedEof.into())),
                Ok(_) => {}
                // A kept-alive connection that stays idle is closed quietly.
                Err(e) if !started && is_timeout(&e) => return Err(ReadError::Closed),
                Err(e) => return Err(ReadError::Io(e)),
            }
        };
        self.buf.drain(..head_len);
        let mut request = head;
        let framing = framing(&request)?;
        let expects_continue = request.minor_version == 1
            && request.header("expect").is_some_and(|v| v.trim_ascii().eq_ignore_ascii_case(b"100-continue"));
        match framing {
            Framing::None => {}
            Framing::Length(n) if n > self.limits.max_body as u64 => {
                // A client waiting for `100 Continue` sends no body to read
                // past: answered at once, and the connection closed.
                let declared = (!expects_continue).then_some(n);
                return Err(ReadError::BodyTooLarge { declared, path: request.path().to_string() });
            }
            Framing::Length(n) => {
                let n = n as usize;
                if expects_continue && self.buf.len() < n {
                    self.continue_100()?;
                }
                while self.buf.len() < n {
                    self.fill_body(deadline)?;
                }
                request.body = self.buf.drain(..n).collect();
            }
            Framing::Chunked => {
                if expects_continue && self.buf.is_empty() {
                    self.continue_100()?;
                }
                request.body = self.read_chunked(deadline).map_err(|e| match e {
                    ReadError::BodyTooLarge { declared, .. } => {
                        ReadError::BodyTooLarge { declared, path: request.path().to_string() }
                    }
                    e => e,
                })?;
            }
        }
        Ok(request)
    }

    fn continue_100(&mut self) -> Result<(), ReadError> {
        self.stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n").map_err(ReadError::Io)
    }

    fn fill_body(&mut self, deadline: Instant) -> Result<(), ReadError> {
        match self.fill(deadline) {
            Ok(0) => Err(ReadError::Io(io::ErrorKind::UnexpectedEof.into())),
            Ok(_) => Ok(()),
            Err(e) => Err(ReadError::Io(e)),
        }
    }

    fn read_chunked(&mut self, deadline: Instant) -> Result<Vec<u8>, ReadError> {
        let mut body = Vec::new();
        loop {
            let (size_len, size) = loop {
                match httparse::parse_chunk_size(&self.buf) {
                    Ok(httparse::Status::Complete(parsed)) => break parsed,
                    Ok(httparse::Status::Partial) if self.buf.len() > 1024 => {
                        return Err(ReadError::Malformed("chunk size line too long"));
                    }
                    Ok(httparse::Status::Partial) => self.fill_body(deadline)?,
                    Err(_) => return Err(ReadError::Malformed("bad chunk size")),
                }
            };
            self.buf.drain(..size_len);
            if size == 0 {
                // Trailers, ignored, up to the empty line.
                loop {
                    if let Some(end) = find(&self.buf, b"\r\n") {
                        let line_empty = end == 0;
                        self.buf.drain(..end + 2);
                        if line_empty {
                            return Ok(body);
                        }
                    } else if self.buf.len() > self.limits.max_head {
                        return Err(ReadError::HeadTooLarge);
                    } else {
                        self.fill_body(deadline)?;
                    }
                }
            }
            if body.len() as u64 + size > self.limits.max_body as u64 {
                return Err(ReadError::BodyTooLarge { declared: None, path: String::new() });
            }
            let size = size as usize;
            while self.buf.len() < size + 2 {
                self.fill_body(deadline)?;
            }
            if &self.buf[size..size + 2] != b"\r\n" {
                return Err(ReadError::Malformed("chunk not followed by CRLF"));
            }
            body.extend_from_slice(&self.buf[..size]);
            self.buf.drain(..size + 2);
        }
    }

    /// Reads and drops `n` body bytes (a body refused for its size), so that
    /// the client reads the answer instead of a reset connection, and the
    /// connection can serve the next request.
    pub fn discard(&mut self, n: u64) -> Result<(), ReadError> {
        let deadline = Instant::now() + self.timeouts.request;
        let mut left = n;
        loop {
            let take = left.min(self.buf.len() as u64) as usize;
            self.buf.drain(..take);
            left -= take as u64;
            if left == 0 {
                return Ok(());
            }
            self.fill_body(deadline)?;
        }
    }

    /// Writes a response; `close` adds `Connection: close`.
    pub fn write_response(&mut self, response: &Response, close: bool) -> io::Result<()> {
        let mut out = Vec::with_capacity(256 + response.body.len());
        write!(out, "HTTP/1.1 {} {}\r\n", response.status, reason(response.status))?;
        for (name, value) in &response.headers {
            // A line break in a value would start a header of its own.
            let value = value.replace(['\r', '\n'], " ");
            write!(out, "{name}: {value}\r\n")?;
        }
        write!(out, "Content-Length: {}\r\n", response.body.len())?;
        if close {
            out.extend_from_slice(b"Connection: close\r\n");
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(&response.body);
        self.stream.write_all(&out)?;
        self.stream.flush()
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Parses a request head from the start of `buf`: None until it is complete.
fn parse_head(buf: &[u8], limits: &Limits) -> Result<Option<(Request, usize)>, ReadError> {
    let mut headers = vec![httparse::EMPTY_HEADER; limits.max_headers];
    let mut parsed = httparse::Request::new(&mut headers);
    let len = match parsed.parse(buf) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => return Err(ReadError::HeadTooLarge),
        Err(_) => return Err(ReadError::Malformed("not an HTTP/1.x request")),
    };
    if len > limits.max_head {
        return Err(ReadError::HeadTooLarge);
    }
    let (Some(method), Some(target), Some(minor_version)) = (parsed.method, parsed.path, parsed.version) else {
        return Err(ReadError::Malformed("incomplete request line"));
    };
    let headers = parsed
        .headers
        .iter()
        .map(|h| Header { name: h.name.to_ascii_lowercase(), value: h.value.trim_ascii().to_vec() })
        .collect();
    let request =
        Request { method: method.to_string(), target: target.to_string(), minor_version, headers, body: Vec::new() };
    Ok(Some((request, len)))
}

enum Framing {
    None,
    Length(u64),
    Chunked,
}

/// How the body is delimited (RFC 9112 §6.3), refusing the ambiguous
/// combinations that request smuggling relies on.
fn framing(request: &Request) -> Result<Framing, ReadError> {
    let te: Vec<&[u8]> = request.headers_named("transfer-encoding").collect();
    let cl: Vec<&[u8]> = request.headers_named("content-length").collect();
    if !te.is_empty() {
        if !cl.is_empty() {
            return Err(ReadError::Malformed("both Transfer-Encoding and Content-Length"));
        }
        if request.minor_version == 0 {
            return Err(ReadError::Malformed("Transfer-Encoding in an HTTP/1.0 request"));
        }
        let codings: Vec<&[u8]> =
            te.iter().flat_map(|v| v.split(|b| *b == b',')).map(|c| c.trim_ascii()).filter(|c| !c.is_empty()).collect();
        return match codings.as_slice() {
            [only] if only.eq_ignore_ascii_case(b"chunked") => Ok(Framing::Chunked),
            _ => Err(ReadError::UnsupportedTransferEncoding),
        };
    }
    let mut length = None;
    for value in cl.iter().flat_map(|v| v.split(|b| *b == b',')) {
        let value = value.trim_ascii();
        if value.is_empty() || value.len() > 19 || !value.iter().all(u8::is_ascii_digit) {
            return Err(ReadError::Malformed("bad Content-Length"));
        }
        let n: u64 = std::str::from_utf8(value)
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or(ReadError::Malformed("bad Content-Length"))?;
        if length.is_some_and(|l| l != n) {
            return Err(ReadError::Malformed("conflicting Content-Length values"));
        }
        length = Some(n);
    }
    Ok(match length {
        None | Some(0) => Framing::None,
        Some(n) => Framing::Length(n),
    })
}

/// A response: status, headers beyond Content-Length and Connection, body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Response { status, headers: vec![("Content-Type".into(), content_type.into())], body: body.into() }
    }

    pub fn text(status: u16, body: &str) -> Self {
        let mut body = body.to_string();
        body.push('\n');
        Response::new(status, "text/plain; charset=utf-8", body)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

pub fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

/// Parses requests from bytes already in memory: what the fuzz target and
/// the tests feed. Each item is a request or the error that ended reading.
pub fn parse_all(bytes: &[u8], limits: Limits) -> Vec<Result<Request, ReadError>> {
    let mut conn = Connection::new(Replay { input: bytes, output: Vec::new() }, limits, Timeouts::default());
    let mut out = Vec::new();
    loop {
        match conn.read_request() {
            Err(ReadError::Closed) => return out,
            Err(e) => {
                out.push(Err(e));
                return out;
            }
            Ok(r) => out.push(Ok(r)),
        }
    }
}

/// A stream that reads from a byte slice and never waits.
pub struct Replay<'a> {
    pub input: &'a [u8],
    pub output: Vec<u8>,
}

impl Read for Replay<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.input.read(buf)
    }
}

impl Write for Replay<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.output.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Timed for Replay<'_> {
    fn set_read_limit(&mut self, _: Option<Duration>) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(bytes: &[u8]) -> Result<Request, ReadError> {
        parse_all(bytes, Limits::default()).into_iter().next().expect("a result")
    }

    #[test]
    fn a_captured_sdk_request_parses_with_its_headers_in_order() {
        let raw = include_bytes!("testdata/js-acm-describe-certificate.http");
        let r = one(raw).unwrap();
        assert_eq!((r.method.as_str(), r.target.as_str(), r.minor_version), ("POST", "/", 1));
        assert_eq!(r.header_str("x-amz-target"), Some("CertificateManager.DescribeCertificate"));
        assert_eq!(r.headers[0].name, "content-type");
        assert_eq!(r.body.len(), 104);
        assert!(r.body.starts_with(b"{\"CertificateArn\""));
        assert!(r.keep_alive());
    }

    #[test]
    fn pipelined_requests_and_blank_lines_between_them() {
        let raw =
            b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}\r\n\r\nPOST /x?y=1 HTTP/1.0\r\nHost: a\r\n\r\n";
        let all = parse_all(raw, Limits::default());
        assert_eq!(all.len(), 2);
        let second = all[1].as_ref().unwrap();
        assert_eq!((second.path(), second.query(), second.keep_alive()), ("/x", "y=1", false));
        assert_eq!(all[0].as_ref().unwrap().body, b"{}");
    }

    #[test]
    fn chunked_bodies_are_decoded_and_trailers_skipped() {
        let raw = b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n4;ext=1\r\n\":1}\r\n0\r\nX-T: 1\r\n\r\n";
        assert_eq!(one(raw).unwrap().body, b"{\"a\":1}");
    }

    #[test]
    fn ambiguous_or_oversized_framing_is_refused() {
        let both = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n";
        assert!(matches!(one(both), Err(ReadError::Malformed(_))));
        let conflicting = b"POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd";
        assert!(matches!(one(conflicting), Err(ReadError::Malformed(_))));
        let gzip = b"POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n";
        assert!(matches!(one(gzip), Err(ReadError::UnsupportedTransferEncoding)));
        let big = b"POST / HTTP/1.1\r\nContent-Length: 4194305\r\n\r\n";
        assert!(matches!(one(big), Err(ReadError::BodyTooLarge { declared: Some(4_194_305), .. })));
        let waiting = b"POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4194305\r\n\r\n";
        assert!(matches!(one(waiting), Err(ReadError::BodyTooLarge { declared: None, .. })));
        let chunked_big = format!("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n", 4 * 1024 * 1024 + 1);
        assert!(matches!(one(chunked_big.as_bytes()), Err(ReadError::BodyTooLarge { declared: None, .. })));
        let negative = b"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n";
        assert!(matches!(one(negative), Err(ReadError::Malformed(_))));
    }

    #[test]
    fn a_request_cut_short_is_an_error_not_a_request() {
        let raw = b"POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n{}";
        assert!(matches!(one(raw), Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::UnexpectedEof));
        assert!(matches!(one(b"POST / HTT"), Err(ReadError::Io(_))));
        assert!(matches!(one(b"\x00\x01garbage\r\n\r\n"), Err(ReadError::Malformed(_))));
    }

    #[test]
    fn heads_over_the_limits_are_refused() {
        let mut raw = b"POST / HTTP/1.1\r\n".to_vec();
        for i in 0..101 {
            raw.extend_from_slice(format!("X-H{i}: v\r\n").as_bytes());
        }
        raw.extend_from_slice(b"\r\n");
        assert!(matches!(one(&raw), Err(ReadError::HeadTooLarge)));
        let long = format!("POST / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(70_000));
        assert!(matches!(one(long.as_bytes()), Err(ReadError::HeadTooLarge)));
    }

    #[test]
    fn expect_100_continue_is_answered_before_the_body_is_read() {
        let raw = b"POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n";
        let mut conn =
            Connection::new(Replay { input: raw, output: Vec::new() }, Limits::default(), Timeouts::default());
        // The body never comes: the 100 was still sent.
        assert!(conn.read_request().is_err());
        assert_eq!(conn.stream.output, b"HTTP/1.1 100 Continue\r\n\r\n");
    }

    #[test]
    fn responses_carry_their_length_and_close_when_asked() {
        let mut conn =
            Connection::new(Replay { input: b"", output: Vec::new() }, Limits::default(), Timeouts::default());
        let mut response = Response::text(404, "no");
        response.headers.push(("x-acmctl-rule".into(), "a\r\nSet-Cookie: b".into()));
        conn.write_response(&response, true).unwrap();
        let text = String::from_utf8(conn.stream.output.clone()).unwrap();
        assert_eq!(
            text,
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nx-acmctl-rule: a  Set-Cookie: b\r\n\
             Content-Length: 3\r\nConnection: close\r\n\r\nno\n"
        );
    }

    #[test]
    fn an_oversized_body_can_be_discarded_and_the_next_request_read() {
        let mut raw = b"POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789".to_vec();
        raw.extend_from_slice(b"POST /next HTTP/1.1\r\n\r\n");
        let limits = Limits { max_body: 5, ..Limits::default() };
        let mut conn = Connection::new(Replay { input: &raw, output: Vec::new() }, limits, Timeouts::default());
        let Err(ReadError::BodyTooLarge { declared: Some(10), .. }) = conn.read_request() else { panic!("too large") };
        conn.discard(10).unwrap();
        assert_eq!(conn.read_request().unwrap().target, "/next");
    }
}
