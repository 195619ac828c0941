//! What serve reports while it runs: the address it listens on, warnings,
//! and one line per request (time, region, operation, status, error code,
//! milliseconds, request id), never a body, key or passphrase. The lines are
//! formatted here, in one place; where they go is the caller's `Log`, so that
//! the `output` module stays the one that prints.

use std::fmt;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::Duration;

use time::OffsetDateTime;

use crate::model::Region;

/// One request, as logged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestRecord {
    pub time: OffsetDateTime,
    pub request_id: String,
    /// The credential scope's region, once verified.
    pub region: Option<Region>,
    /// `CertificateManager.DescribeCertificate`, or what else the client
    /// asked for, made printable.
    pub operation: String,
    pub status: u16,
    /// The error's `__type`, for answers other than 200.
    pub error_code: Option<String>,
    pub rule: Option<String>,
    pub elapsed: Duration,
}

#[derive(Debug)]
pub enum Event<'a> {
    /// Bound and ready: once, at start-up.
    Listening(SocketAddr),
    Warning(&'a str),
    /// Something worth a line at start-up that is not a problem.
    Notice(&'a str),
    Request(&'a RequestRecord),
    /// A connection ended in a way that got no logged answer (a time-out,
    /// a client gone mid-request), with what happened.
    Connection {
        peer: SocketAddr,
        what: &'a str,
    },
    /// SIGINT or SIGTERM: in-flight requests finish, then serve returns.
    Stopping,
}

impl fmt::Display for Event<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Listening(addr) => write!(f, "acmctl serve: listening on http://{addr}"),
            Event::Warning(w) => write!(f, "acmctl serve: warning: {w}"),
            Event::Notice(n) => write!(f, "acmctl serve: {n}"),
            Event::Stopping => write!(f, "acmctl serve: stopping after the requests in flight"),
            Event::Connection { peer, what } => {
                write!(f, "{} {peer} connection: {what}", crate::clock::rfc3339(now_seconds()))
            }
            Event::Request(r) => write!(
                f,
                "{} {} {} {} {}{} {:.1}ms {}",
                crate::clock::rfc3339(r.time.replace_nanosecond(0).unwrap_or(r.time)),
                r.region.map_or("-", |r| r.as_str()),
                r.operation,
                r.status,
                r.error_code.as_deref().unwrap_or("-"),
                r.rule.as_deref().map(|rule| format!(" rule={rule}")).unwrap_or_default(),
                r.elapsed.as_secs_f64() * 1000.0,
                r.request_id
            ),
        }
    }
}

fn now_seconds() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(0).unwrap_or(now)
}

/// Where events go.
pub trait Log: Send + Sync {
    fn event(&self, event: &Event<'_>);
}

/// Writes each event as a line to a writer (the caller's choice: stderr,
/// a file, a buffer in tests). A failed write is dropped: a full disk must
/// not stop the server.
pub struct WriterLog<W: Write + Send>(Mutex<W>);

impl<W: Write + Send> WriterLog<W> {
    pub fn new(w: W) -> Self {
        WriterLog(Mutex::new(w))
    }

    pub fn into_inner(self) -> W {
        self.0.into_inner().unwrap_or_else(|p| p.into_inner())
    }
}

impl<W: Write + Send> Log for WriterLog<W> {
    fn event(&self, event: &Event<'_>) {
        let line = format!("{event}\n");
        let mut w = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let _ = w.write_all(line.as_bytes());
        let _ = w.flush();
    }
}

/// Something a client sent, fit for one log line: printable ASCII, at most
/// 80 characters.
pub fn printable(s: &[u8]) -> String {
    let mut out: String = s.iter().take(80).map(|b| if b.is_ascii_graphic() { char::from(*b) } else { '?' }).collect();
    if s.len() > 80 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_line_has_its_fields_and_nothing_more() {
        let r = RequestRecord {
            time: OffsetDateTime::from_unix_timestamp(1_796_401_800).unwrap() + Duration::from_millis(300),
            request_id: "5f1e0d0a-1111-4222-8333-444455556666".into(),
            region: Some("eu-west-2".parse().unwrap()),
            operation: "CertificateManager.DescribeCertificate".into(),
            status: 400,
            error_code: Some("ResourceNotFoundException".into()),
            rule: Some("regional-resource".into()),
            elapsed: Duration::from_micros(1250),
        };
        assert_eq!(
            Event::Request(&r).to_string(),
            "2026-12-04T16:30:00Z eu-west-2 CertificateManager.DescribeCertificate 400 ResourceNotFoundException \
             rule=regional-resource 1.2ms 5f1e0d0a-1111-4222-8333-444455556666"
        );
        let ok = RequestRecord { region: None, status: 200, error_code: None, rule: None, ..r };
        assert!(Event::Request(&ok).to_string().contains(" - CertificateManager.DescribeCertificate 200 - 1.2ms "));
        let addr: SocketAddr = "127.0.0.1:7480".parse().unwrap();
        assert_eq!(Event::Listening(addr).to_string(), "acmctl serve: listening on http://127.0.0.1:7480");
    }

    #[test]
    fn client_text_is_made_printable() {
        assert_eq!(printable(b"Certificate\x1b[31mManager\n"), "Certificate?[31mManager?");
        assert_eq!(printable(&[b'a'; 81]).chars().count(), 81);
    }
}
