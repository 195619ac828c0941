//! The HTTP server: a listener, a thread per connection for its I/O, and at
//! most `workers` requests in the operations layer at once.
//!
//! A thread per connection, not a pool reading sockets: a client that sends
//! a byte at a time, or stops half-way, holds only its own thread, and only
//! until `Timeouts::request`; workers are taken once a request has been read
//! whole. Keep-alive connections wait for their next request for
//! `Timeouts::idle`. Connections beyond `max_connections` wait in the
//! kernel's backlog.
//!
//! Stopping (SIGINT, SIGTERM, or `Shutdown::stop`): no new connections, idle
//! ones are closed, requests being handled finish and are answered with
//! `Connection: close`, then `run` returns.

use std::collections::HashMap;
use std::io::{self, Read};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, Shutdown as NetShutdown, SocketAddr, TcpListener, TcpStream};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::serve::http::{Connection, Limits, ReadError, Response, Timeouts};
use crate::serve::log::{Event, Log};
use crate::serve::protocol::{self, Api, Handler};

/// How the server listens and what it allows.
#[derive(Clone, Debug)]
pub struct Config {
    pub listen: SocketAddr,
    /// A non-loopback `listen` is refused without it.
    pub allow_remote: bool,
    /// Requests handled at once.
    pub workers: usize,
    /// Connections served at once.
    pub max_connections: usize,
    pub limits: Limits,
    pub timeouts: Timeouts,
    /// Where `ADDR:PORT` is written once the server listens.
    pub ready_file: Option<PathBuf>,
    /// How long stopping waits for requests in flight.
    pub drain: Duration,
}

impl Config {
    pub fn new(listen: SocketAddr) -> Self {
        Config {
            listen,
            allow_remote: false,
            workers: 4,
            max_connections: 512,
            limits: Limits::default(),
            timeouts: Timeouts::default(),
            ready_file: None,
            drain: Duration::from_secs(60),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "{0} is not a loopback address; serving other machines needs --allow-remote (plain HTTP: keys and passphrases would cross the network unencrypted)"
    )]
    NotLoopback(SocketAddr),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: io::Error },
    #[error("cannot write the ready file {path}: {source}")]
    ReadyFile { path: PathBuf, source: io::Error },
    #[error("cannot handle SIGINT and SIGTERM: {0}")]
    Signals(io::Error),
    #[error(transparent)]
    Credentials(#[from] crate::serve::credentials::CredentialsError),
}

/// Stops a running server from another thread.
#[derive(Clone)]
pub struct Shutdown {
    state: Arc<State>,
}

struct State {
    stopping: AtomicBool,
    /// Where a connection wakes the blocked `accept`.
    wake: SocketAddr,
    /// Open connections, by number, to close the idle ones when stopping.
    connections: Mutex<HashMap<u64, TcpStream>>,
    changed: Condvar,
}

impl Shutdown {
    /// Asks the server to stop; `run` returns once requests in flight are
    /// answered. Safe to call more than once, from any thread.
    pub fn stop(&self) {
        if self.state.stopping.swap(true, Ordering::SeqCst) {
            return;
        }
        // The accept loop may be waiting for a connection slot…
        drop(self.state.connections.lock().unwrap_or_else(|p| p.into_inner()));
        self.state.changed.notify_all();
        // …or in `accept`, which has no time-out: a connection of our own
        // wakes it.
        let _ = TcpStream::connect_timeout(&self.state.wake, Duration::from_secs(1));
    }

    pub fn is_stopping(&self) -> bool {
        self.state.stopping.load(Ordering::SeqCst)
    }
}

/// At most `n` holders at once.
struct Workers {
    free: Mutex<usize>,
    released: Condvar,
}

struct Permit<'a>(&'a Workers);

impl Workers {
    fn acquire(&self) -> Permit<'_> {
        let mut free = self.free.lock().unwrap_or_else(|p| p.into_inner());
        while *free == 0 {
            free = self.released.wait(free).unwrap_or_else(|p| p.into_inner());
        }
        *free -= 1;
        Permit(self)
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        self.0.release();
    }
}

impl Workers {
    fn release(&self) {
        *self.free.lock().unwrap_or_else(|p| p.into_inner()) += 1;
        self.released.notify_one();
    }
}

thread_local! {
    /// The workers whose permit this thread holds while it handles a request.
    static HELD: std::cell::RefCell<Option<Arc<Workers>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `wait`, a wait for work another request is doing, without counting
/// this request against `--workers`: its permit is given back for the wait
/// and taken again after it. Requests that wait together to be written
/// together (`api::batch`) are then not held to as many as there are
/// workers. Outside a request (tests, background threads) it only runs
/// `wait`.
pub fn waiting<T>(wait: impl FnOnce() -> T) -> T {
    struct Again(Arc<Workers>);
    impl Drop for Again {
        fn drop(&mut self) {
            std::mem::forget(self.0.acquire());
        }
    }
    let Some(workers) = HELD.with(|h| h.borrow().clone()) else { return wait() };
    workers.release();
    // Taken again even if `wait` panics: the request's permit is given
    // back once more when it ends.
    let _again = Again(workers);
    wait()
}

pub struct Server<A> {
    listener: TcpListener,
    local_addr: SocketAddr,
    config: Config,
    handler: Arc<Handler<A>>,
    log: Arc<dyn Log>,
    shutdown: Shutdown,
}

/// Above this, a body refused for its size is not read to its end: the
/// connection is closed after the answer instead.
const DRAIN_LIMIT: u64 = 16 * 1024 * 1024;

impl<A: Api + 'static> Server<A> {
    /// Binds the listening socket; refuses a non-loopback address unless
    /// `allow_remote`.
    pub fn bind(config: Config, handler: Handler<A>, log: Arc<dyn Log>) -> Result<Self, ServeError> {
        if !config.listen.ip().is_loopback() && !config.allow_remote {
            return Err(ServeError::NotLoopback(config.listen));
        }
        let listener =
            TcpListener::bind(config.listen).map_err(|source| ServeError::Bind { addr: config.listen, source })?;
        let local_addr = listener.local_addr().map_err(|source| ServeError::Bind { addr: config.listen, source })?;
        let wake_ip = match local_addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        let state = State {
            stopping: AtomicBool::new(false),
            wake: SocketAddr::new(wake_ip, local_addr.port()),
            connections: Mutex::new(HashMap::new()),
            changed: Condvar::new(),
        };
        let shutdown = Shutdown { state: Arc::new(state) };
        Ok(Server { listener, local_addr, config, handler: Arc::new(handler), log, shutdown })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    pub fn shutdown_handle(&self) -> Shutdown {
        self.shutdown.clone()
    }

    /// Serves until stopped: announces the address, writes the ready file,
    /// accepts connections, then waits for requests in flight.
    pub fn run(self) -> Result<(), ServeError> {
        if let Some(path) = &self.config.ready_file {
            write_ready_file(path, self.local_addr)
                .map_err(|source| ServeError::ReadyFile { path: path.clone(), source })?;
        }
        // The models are parsed and their patterns compiled now, not in the
        // first request.
        for service in crate::serve::operation::Service::ALL {
            crate::serve::shapes::model(service);
        }
        self.log.event(&Event::Listening(self.local_addr));
        let workers = Arc::new(Workers { free: Mutex::new(self.config.workers.max(1)), released: Condvar::new() });
        let next_id = AtomicU64::new(0);
        let state = &self.shutdown.state;
        loop {
            let accepted = self.listener.accept();
            if self.shutdown.is_stopping() {
                break;
            }
            let (stream, peer) = match accepted {
                Ok(pair) => pair,
                // Out of descriptors, a connection reset before accept: the
                // listener itself is fine. A pause keeps a persistent error
                // from spinning.
                Err(_) => {
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                }
            };
            let id = next_id.fetch_add(1, Ordering::Relaxed);
            {
                let mut open = state.connections.lock().unwrap_or_else(|p| p.into_inner());
                while open.len() >= self.config.max_connections && !self.shutdown.is_stopping() {
                    open = state.changed.wait(open).unwrap_or_else(|p| p.into_inner());
                }
                match stream.try_clone() {
                    Ok(clone) => {
                        open.insert(id, clone);
                    }
                    Err(_) => continue,
                }
            }
            let conn = ConnectionTask {
                id,
                peer,
                handler: Arc::clone(&self.handler),
                log: Arc::clone(&self.log),
                workers: Arc::clone(&workers),
                shutdown: self.shutdown.clone(),
                limits: self.config.limits,
                timeouts: self.config.timeouts,
            };
            let spawned = std::thread::Builder::new().name("serve-conn".into()).spawn(move || conn.run(stream));
            if spawned.is_err() {
                self.forget(id);
                self.log.event(&Event::Connection { peer, what: "refused: no thread could be started for it" });
            }
        }
        self.drain();
        Ok(())
    }

    fn forget(&self, id: u64) {
        let state = &self.shutdown.state;
        state.connections.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
        state.changed.notify_all();
    }

    /// Closes the read side of every connection, which ends the idle ones at
    /// once, and waits for the busy ones to answer.
    fn drain(&self) {
        let state = &self.shutdown.state;
        let deadline = Instant::now() + self.config.drain;
        let mut open = state.connections.lock().unwrap_or_else(|p| p.into_inner());
        for stream in open.values() {
            let _ = stream.shutdown(NetShutdown::Read);
        }
        while !open.is_empty() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                let n = open.len();
                drop(open);
                self.log.event(&Event::Warning(&format!("stopped with {n} request(s) still running")));
                return;
            }
            open = state.changed.wait_timeout(open, left).unwrap_or_else(|p| p.into_inner()).0;
        }
    }
}

/// Writes `ADDR:PORT` whole or not at all: a script polling for the file
/// never reads half an address.
fn write_ready_file(path: &Path, addr: SocketAddr) -> io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, format!("{addr}\n"))?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

struct ConnectionTask<A> {
    id: u64,
    peer: SocketAddr,
    handler: Arc<Handler<A>>,
    log: Arc<dyn Log>,
    workers: Arc<Workers>,
    shutdown: Shutdown,
    limits: Limits,
    timeouts: Timeouts,
}

impl<A: Api> ConnectionTask<A> {
    fn run(self, stream: TcpStream) {
        // Whatever happens on this connection, the server forgets it.
        let _ = catch_unwind(AssertUnwindSafe(|| self.serve(stream)));
        let state = &self.shutdown.state;
        state.connections.lock().unwrap_or_else(|p| p.into_inner()).remove(&self.id);
        state.changed.notify_all();
    }

    fn serve(&self, stream: TcpStream) {
        // Small answers on kept-alive connections: Nagle's algorithm would
        // hold each back until the client's delayed ACK.
        let _ = stream.set_nodelay(true);
        let _ = stream.set_write_timeout(Some(self.timeouts.write));
        let mut conn = Connection::new(stream, self.limits, self.timeouts);
        while !self.shutdown.is_stopping() {
            let request = match conn.read_request() {
                Ok(r) => r,
                Err(ReadError::Closed) => return,
                Err(ReadError::Io(e)) => {
                    let what = if crate::serve::http::is_timeout(&e) {
                        "closed: the request did not arrive in time"
                    } else {
                        "closed: the client went away mid-request"
                    };
                    if !self.shutdown.is_stopping() {
                        self.log.event(&Event::Connection { peer: self.peer, what });
                    }
                    return;
                }
                Err(ReadError::BodyTooLarge { declared, path }) => {
                    let (response, record) = protocol::body_too_large(self.limits.max_body, &path);
                    self.log.event(&Event::Request(&record));
                    let drained = declared.is_some_and(|n| n <= DRAIN_LIMIT && conn.discard(n).is_ok());
                    let _ = conn.write_response(&response, !drained);
                    if !drained {
                        linger(conn.stream);
                        return;
                    }
                    continue;
                }
                Err(e) => {
                    let status = match e {
                        ReadError::HeadTooLarge => 431,
                        ReadError::UnsupportedTransferEncoding => 501,
                        _ => 400,
                    };
                    self.log.event(&Event::Connection { peer: self.peer, what: &e.describe() });
                    let _ = conn.write_response(&Response::text(status, &e.describe()), true);
                    linger(conn.stream);
                    return;
                }
            };
            let handled = {
                let _permit = self.workers.acquire();
                HELD.with(|h| *h.borrow_mut() = Some(Arc::clone(&self.workers)));
                let handled = catch_unwind(AssertUnwindSafe(|| self.handler.handle(&request, SystemTime::now())));
                HELD.with(|h| *h.borrow_mut() = None);
                handled
            };
            let Ok(handled) = handled else {
                let _ = conn.write_response(&Response::text(500, "Internal error."), true);
                return;
            };
            self.log.event(&Event::Request(&handled.record));
            let close = !request.keep_alive() || self.shutdown.is_stopping();
            if conn.write_response(&handled.response, close).is_err() || close {
                return;
            }
        }
    }
}

/// Closes a connection whose client may still be sending (a refused body):
/// closing at once would reset it, and the client would see the reset
/// instead of the answer. Reads what comes for a moment first.
fn linger(mut stream: TcpStream) {
    let _ = stream.shutdown(NetShutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut sink = [0u8; 16 * 1024];
    let until = Instant::now() + Duration::from_secs(1);
    while Instant::now() < until {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests;
