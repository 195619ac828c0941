//! Store URLs (`postgresql://…`, `postgres://…`) and where their password
//! comes from.
//!
//! acmctl reads the libpq URL itself instead of handing it to
//! tokio-postgres, which knows only `sslmode=disable|prefer|require` and
//! reads no password file. The subset understood:
//!
//! ```text
//! postgresql://USER@HOST[:PORT][/DBNAME][?PARAM=VALUE&…]
//! ```
//!
//! with `HOST` a name, an IPv4 address, `[IPv6]`, or empty (the local
//! socket directory; `host=/path` or a percent-encoded path name another),
//! and the parameters `host`, `hostaddr`, `port`, `user`, `dbname`,
//! `sslmode`, `sslrootcert`, `sslcert`, `sslkey`, `application_name`,
//! `options` and `connect_timeout`. As in libpq, `hostaddr` is the IP
//! address to connect to while `host` stays the name the server's
//! certificate must carry (`verify-full`) and `.pgpass` lines match. Anything else is refused by name rather than
//! ignored, as libpq does.
//!
//! Deliberate differences from libpq:
//! - a password in the URL (`user:secret@` or `password=`) is refused: it
//!   would show in process listings and shell history. It comes from
//!   `ACMCTL_DB_PASSWORD_FILE`, `PGPASSFILE` or `~/.pgpass` instead
//!   ([`resolve_password`]);
//! - the user is required: acmctl does not guess it from the login name;
//! - `sslmode` defaults to `require` (to `verify-ca` when `sslrootcert` is
//!   given, as libpq does), never to `prefer`: acmctl does not fall back to
//!   plain text. `allow` and `prefer` are refused for the same reason, and
//!   `disable` is refused off loopback;
//! - `sslmode=verify-ca|verify-full` need an explicit `sslrootcert`.
//!
//! Nothing here reads the environment: the settings module passes the
//! values of `ACMCTL_DB_PASSWORD_FILE`, `PGPASSFILE` and `HOME` in.

use std::fmt;
use std::io::Read;
use std::net::IpAddr;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use zeroize::Zeroizing;

/// PostgreSQL's port when the URL names none.
pub const DEFAULT_PORT: u16 = 5432;
/// Where Debian's libpq looks for the server's socket when the URL names no host.
pub const DEFAULT_SOCKET_DIR: &str = "/var/run/postgresql";
/// The parameters acmctl understands, for the error that refuses another.
pub const PARAMETERS: &str = "host, hostaddr, port, user, dbname, sslmode, sslrootcert, sslcert, sslkey, application_name, options, connect_timeout";

/// Why a store URL was refused. Each is one sentence, naming the part of
/// the URL at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error("a store URL starts with postgresql:// or postgres://, not '{0}'")]
    Scheme(String),
    #[error(
        "the store URL contains a password, which would show in process listings and shell history: put it in the file named by ACMCTL_DB_PASSWORD_FILE, in PGPASSFILE or in ~/.pgpass"
    )]
    PasswordInUrl,
    #[error("the store URL contains '#', which means nothing to PostgreSQL: percent-encode it as %23")]
    Fragment,
    #[error("the store URL names no user: write postgresql://USER@HOST/DBNAME")]
    NoUser,
    #[error("the store URL has a bad percent-escape in '{0}'")]
    Escape(String),
    #[error("the store URL's {part} is not UTF-8 text")]
    NotUtf8 { part: &'static str },
    #[error("the store URL names several hosts ('{0}'); acmctl connects to one")]
    SeveralHosts(String),
    #[error("the store URL's host '{0}' is not a host name, an IP address or a socket directory")]
    Host(String),
    #[error("the store URL's hostaddr '{0}' is not an IP address")]
    HostAddr(String),
    #[error("the store URL's hostaddr cannot go with a socket directory as host")]
    HostAddrWithSocket,
    #[error("the store URL's port '{0}' is not a number from 1 to 65535")]
    Port(String),
    #[error("the store URL's database name '{0}' is not a plain name")]
    DbName(String),
    #[error("the store URL's parameter '{0}' is not one acmctl understands ({PARAMETERS})")]
    UnknownParameter(String),
    #[error("the store URL gives the parameter '{0}' twice")]
    DuplicateParameter(String),
    #[error("the store URL's parameter '{0}' has no value (write {0}=VALUE)")]
    EmptyParameter(String),
    #[error("sslmode={0} is not one of disable, require, verify-ca, verify-full")]
    SslMode(String),
    #[error(
        "sslmode={0} may fall back to an unencrypted connection: use require, verify-ca or verify-full (or disable on loopback)"
    )]
    SslModeFallback(String),
    #[error(
        "sslmode=disable is refused for {0}, which is not on this machine: use sslmode=verify-full with sslrootcert"
    )]
    DisableOffLoopback(String),
    #[error("sslmode={0} verifies the server against a root certificate: add sslrootcert=FILE to the store URL")]
    NoRootCert(String),
    #[error("the store URL gives {0} without {1}: a client certificate needs both sslcert and sslkey")]
    HalfClientCert(&'static str, &'static str),
    #[error("the store URL's options '{0}' are not of the form -c NAME=VALUE")]
    Options(String),
    #[error("the store URL's connect_timeout '{0}' is not a number of seconds")]
    ConnectTimeout(String),
    #[error("the store URL's application_name '{0}' is not printable ASCII of at most 63 characters")]
    ApplicationName(String),
}

/// How to protect the connection, libpq's `sslmode` less its fallbacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    /// No TLS: only on loopback or a local socket.
    Disable,
    /// Encrypt, verify nothing (libpq's `require` without a root certificate).
    Require,
    /// Encrypt, verify the chain to `sslrootcert`, not the host name.
    VerifyCa,
    /// Encrypt, verify the chain and that the certificate names the host.
    VerifyFull,
}

impl SslMode {
    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }
}

/// Where the server is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    /// A host name or an IP address, reached over TCP.
    Tcp(String),
    /// A directory holding the server's Unix socket.
    Socket(PathBuf),
}

/// A parsed store URL. It holds no secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PgUrl {
    pub user: String,
    pub host: Host,
    /// The address to connect to instead of resolving `host` (libpq's `hostaddr`).
    pub hostaddr: Option<IpAddr>,
    pub port: u16,
    pub dbname: String,
    /// Effective mode: `disable` for a socket, whatever the URL says
    /// (PostgreSQL has no TLS over Unix sockets).
    pub sslmode: SslMode,
    pub sslrootcert: Option<PathBuf>,
    pub sslcert: Option<PathBuf>,
    pub sslkey: Option<PathBuf>,
    pub application_name: Option<String>,
    /// The `options` parameter, percent-decoded (`-c search_path=team_a`).
    pub options: Option<String>,
    /// The schema named by `-c search_path=…` in `options`, if any: one
    /// store per schema.
    pub search_path: Option<String>,
    pub connect_timeout: Option<Duration>,
}

impl PgUrl {
    /// Whether `text` is meant as a PostgreSQL store URL (and not a path).
    pub fn is_pg_url(text: &str) -> bool {
        text.starts_with("postgresql://") || text.starts_with("postgres://")
    }

    /// Parses a store URL. See the module documentation for what is refused.
    pub fn parse(text: &str) -> Result<PgUrl, UrlError> {
        let rest = text
            .strip_prefix("postgresql://")
            .or_else(|| text.strip_prefix("postgres://"))
            .ok_or_else(|| UrlError::Scheme(shown(text.split("://").next().unwrap_or(text))))?;
        let (before_query, query) = match rest.split_once('?') {
            Some((a, q)) => (a, Some(q)),
            None => (rest, None),
        };
        // A '#' fragment means nothing to libpq; refuse it as a bad character.
        if before_query.contains('#') || query.is_some_and(|q| q.contains('#')) {
            return Err(UrlError::Fragment);
        }
        let (authority, path) = match before_query.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (before_query, None),
        };
        // The user information ends at the last '@' (a host has none).
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        let mut user = None;
        if let Some(userinfo) = userinfo {
            if userinfo.contains(':') {
                return Err(UrlError::PasswordInUrl);
            }
            if !userinfo.is_empty() {
                user = Some(decode(userinfo, "user name")?);
            }
        }
        if hostport.contains(',') {
            return Err(UrlError::SeveralHosts(shown(hostport)));
        }
        let (mut host, mut port) = split_host_port(hostport)?;
        let mut dbname = match path {
            Some(p) if !p.is_empty() => Some(decode(p, "database name")?),
            _ => None,
        };

        let mut params = Params::default();
        if let Some(query) = query {
            for pair in query.split('&').filter(|p| !p.is_empty()) {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                let key = decode(key, "parameter name")?;
                let value = decode(value, "parameter value")?;
                params.set(&key, value)?;
            }
        }
        if params.password {
            return Err(UrlError::PasswordInUrl);
        }
        if let Some(h) = params.host.take() {
            host = Some(parse_host(&h)?);
        }
        if let Some(p) = params.port.take() {
            port = Some(parse_port(&p)?);
        }
        if let Some(u) = params.user.take() {
            user = Some(u);
        }
        if let Some(d) = params.dbname.take() {
            dbname = Some(d);
        }

        let hostaddr = match params.hostaddr.take() {
            Some(a) => Some(a.parse::<IpAddr>().map_err(|_| UrlError::HostAddr(shown(&a)))?),
            None => None,
        };
        let user = user.filter(|u| !u.is_empty()).ok_or(UrlError::NoUser)?;
        let host = match (host, hostaddr) {
            (Some(Host::Socket(_)), Some(_)) => return Err(UrlError::HostAddrWithSocket),
            (Some(host), _) => host,
            (None, Some(addr)) => Host::Tcp(addr.to_string()),
            (None, None) => Host::Socket(PathBuf::from(DEFAULT_SOCKET_DIR)),
        };
        let port = port.unwrap_or(DEFAULT_PORT);
        let dbname = dbname.unwrap_or_else(|| user.clone());
        if dbname.is_empty() || dbname.chars().any(|c| c.is_control() || c == '/') {
            return Err(UrlError::DbName(shown(&dbname)));
        }

        let sslrootcert = params.sslrootcert.map(PathBuf::from);
        let sslmode = match params.sslmode.as_deref() {
            None if sslrootcert.is_some() => SslMode::VerifyCa,
            None | Some("require") => SslMode::Require,
            Some("disable") => SslMode::Disable,
            Some("verify-ca") => SslMode::VerifyCa,
            Some("verify-full") => SslMode::VerifyFull,
            Some(m @ ("allow" | "prefer")) => return Err(UrlError::SslModeFallback(m.to_string())),
            Some(m) => return Err(UrlError::SslMode(shown(m))),
        };
        // libpq: require with a root certificate verifies the chain.
        let sslmode = if sslmode == SslMode::Require && sslrootcert.is_some() { SslMode::VerifyCa } else { sslmode };
        let sslmode = match &host {
            Host::Socket(_) => SslMode::Disable,
            Host::Tcp(name) => {
                let loopback = match hostaddr {
                    Some(addr) => addr.is_loopback(),
                    None => is_loopback_name(name),
                };
                if sslmode == SslMode::Disable && !loopback {
                    let to = hostaddr.map(|a| a.to_string()).unwrap_or_else(|| name.clone());
                    return Err(UrlError::DisableOffLoopback(shown(&to)));
                }
                sslmode
            }
        };
        if matches!(sslmode, SslMode::VerifyCa | SslMode::VerifyFull) && sslrootcert.is_none() {
            return Err(UrlError::NoRootCert(sslmode.as_str().to_string()));
        }
        let sslcert = params.sslcert.map(PathBuf::from);
        let sslkey = params.sslkey.map(PathBuf::from);
        match (&sslcert, &sslkey) {
            (Some(_), None) => return Err(UrlError::HalfClientCert("sslcert", "sslkey")),
            (None, Some(_)) => return Err(UrlError::HalfClientCert("sslkey", "sslcert")),
            _ => {}
        }
        if let Some(name) = &params.application_name
            && (name.len() > 63 || !name.bytes().all(|b| (0x20..0x7f).contains(&b)))
        {
            return Err(UrlError::ApplicationName(shown(name)));
        }
        let search_path = match &params.options {
            Some(options) => parse_options(options)?,
            None => None,
        };
        let connect_timeout = match params.connect_timeout {
            Some(t) => {
                let secs: u64 = t.trim().parse().map_err(|_| UrlError::ConnectTimeout(shown(&t)))?;
                // libpq: 0 (or less) waits forever; anything else at least 2 s.
                (secs > 0).then(|| Duration::from_secs(secs.max(2)))
            }
            None => None,
        };

        Ok(PgUrl {
            user,
            host,
            hostaddr,
            port,
            dbname,
            sslmode,
            sslrootcert,
            sslcert,
            sslkey,
            application_name: params.application_name,
            options: params.options,
            search_path,
            connect_timeout,
        })
    }

    /// Whether the server is on this machine: a socket, `localhost` or a
    /// loopback address.
    pub fn is_loopback(&self) -> bool {
        match (&self.host, self.hostaddr) {
            (Host::Socket(_), _) => true,
            (Host::Tcp(_), Some(addr)) => addr.is_loopback(),
            (Host::Tcp(name), None) => is_loopback_name(name),
        }
    }

    /// The host as `.pgpass` matches it: the host name or address, or the
    /// socket directory; `localhost` also matches libpq's default socket
    /// directory.
    fn pgpass_hosts(&self) -> Vec<String> {
        match &self.host {
            Host::Tcp(name) => vec![name.clone()],
            Host::Socket(dir) => {
                let mut hosts = vec![dir.to_string_lossy().into_owned()];
                if dir == Path::new(DEFAULT_SOCKET_DIR) {
                    hosts.push("localhost".into());
                }
                hosts
            }
        }
    }

    /// A description for messages: no password (there is none), and the
    /// same whatever the parameters.
    pub fn location(&self) -> String {
        let host = match &self.host {
            Host::Tcp(name) if name.contains(':') => format!("[{name}]:{}", self.port),
            Host::Tcp(name) => format!("{name}:{}", self.port),
            Host::Socket(dir) => format!("{}:{}", dir.display(), self.port),
        };
        match &self.search_path {
            Some(schema) => format!("postgresql://{}@{host}/{} (schema {schema})", self.user, self.dbname),
            None => format!("postgresql://{}@{host}/{}", self.user, self.dbname),
        }
    }
}

impl fmt::Display for PgUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.location())
    }
}

#[derive(Default)]
struct Params {
    seen: Vec<String>,
    host: Option<String>,
    hostaddr: Option<String>,
    port: Option<String>,
    user: Option<String>,
    dbname: Option<String>,
    password: bool,
    sslmode: Option<String>,
    sslrootcert: Option<String>,
    sslcert: Option<String>,
    sslkey: Option<String>,
    application_name: Option<String>,
    options: Option<String>,
    connect_timeout: Option<String>,
}

impl Params {
    fn set(&mut self, key: &str, value: String) -> Result<(), UrlError> {
        if key == "password" {
            self.password = true;
            return Ok(());
        }
        let slot = match key {
            "host" => &mut self.host,
            "hostaddr" => &mut self.hostaddr,
            "port" => &mut self.port,
            "user" => &mut self.user,
            "dbname" => &mut self.dbname,
            "sslmode" => &mut self.sslmode,
            "sslrootcert" => &mut self.sslrootcert,
            "sslcert" => &mut self.sslcert,
            "sslkey" => &mut self.sslkey,
            "application_name" => &mut self.application_name,
            "options" => &mut self.options,
            "connect_timeout" => &mut self.connect_timeout,
            _ => return Err(UrlError::UnknownParameter(shown(key))),
        };
        if self.seen.iter().any(|k| k == key) {
            return Err(UrlError::DuplicateParameter(shown(key)));
        }
        if value.is_empty() {
            return Err(UrlError::EmptyParameter(shown(key)));
        }
        self.seen.push(key.to_string());
        *slot = Some(value);
        Ok(())
    }
}

fn split_host_port(hostport: &str) -> Result<(Option<Host>, Option<u16>), UrlError> {
    if hostport.is_empty() {
        return Ok((None, None));
    }
    let (host, port) = if let Some(rest) = hostport.strip_prefix('[') {
        let (inside, after) = rest.split_once(']').ok_or_else(|| UrlError::Host(shown(hostport)))?;
        if inside.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(UrlError::Host(shown(inside)));
        }
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':').ok_or_else(|| UrlError::Host(shown(hostport)))?),
        };
        (Some(Host::Tcp(inside.to_string())), port)
    } else {
        let (h, p) = match hostport.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (hostport, None),
        };
        let host = if h.is_empty() { None } else { Some(parse_host(&decode(h, "host")?)?) };
        (host, p)
    };
    let port = port.map(parse_port).transpose()?;
    Ok((host, port))
}

fn parse_host(text: &str) -> Result<Host, UrlError> {
    if text.starts_with('/') {
        return Ok(Host::Socket(PathBuf::from(text)));
    }
    if text.parse::<IpAddr>().is_ok() {
        return Ok(Host::Tcp(text.to_string()));
    }
    let valid = !text.is_empty()
        && text.len() <= 253
        && text.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    if valid { Ok(Host::Tcp(text.to_ascii_lowercase())) } else { Err(UrlError::Host(shown(text))) }
}

fn parse_port(text: &str) -> Result<u16, UrlError> {
    match text.parse::<u16>() {
        Ok(p) if p > 0 && text.bytes().all(|b| b.is_ascii_digit()) => Ok(p),
        _ => Err(UrlError::Port(shown(text))),
    }
}

fn is_loopback_name(name: &str) -> bool {
    name == "localhost" || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Takes the schema out of `-c search_path=NAME` (or `-csearch_path=NAME`,
/// `--search_path=NAME`); other `-c` settings pass through to the server.
fn parse_options(options: &str) -> Result<Option<String>, UrlError> {
    let bad = || UrlError::Options(shown(options));
    let mut search_path = None;
    let mut words = options.split_ascii_whitespace();
    while let Some(word) = words.next() {
        let setting = if word == "-c" {
            words.next().ok_or_else(bad)?
        } else if let Some(s) = word.strip_prefix("-c").or_else(|| word.strip_prefix("--")) {
            s
        } else {
            return Err(bad());
        };
        let (name, value) = setting.split_once('=').ok_or_else(bad)?;
        if name.is_empty() || value.is_empty() {
            return Err(bad());
        }
        if name == "search_path" {
            // One plain schema: a store lives in one schema, and names
            // that need quoting would need it everywhere.
            let valid = value.len() <= 63
                && value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                && !value.as_bytes()[0].is_ascii_digit();
            if !valid {
                return Err(bad());
            }
            search_path = Some(value.to_string());
        }
    }
    Ok(search_path)
}

/// A piece of the URL as an error message shows it: control characters
/// escaped (one line), at most 60 characters.
fn shown(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == 60 {
            out.push('…');
            break;
        }
        if c.is_control() { out.extend(c.escape_default()) } else { out.push(c) }
    }
    out
}

fn decode(text: &str, part: &'static str) -> Result<String, UrlError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or_else(|| UrlError::Escape(shown(text)))?;
            let hex = std::str::from_utf8(hex).map_err(|_| UrlError::Escape(shown(text)))?;
            let byte = u8::from_str_radix(hex, 16).map_err(|_| UrlError::Escape(shown(text)))?;
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let s = String::from_utf8(out).map_err(|_| UrlError::NotUtf8 { part })?;
    if s.contains('\0') {
        return Err(UrlError::Escape(shown(text)));
    }
    Ok(s)
}

/// Where a password may come from. The settings module fills this in from
/// the environment: `ACMCTL_DB_PASSWORD_FILE`, `PGPASSFILE`, and the home
/// directory for `~/.pgpass`.
#[derive(Debug, Clone, Copy, Default)]
pub struct PasswordSources<'a> {
    /// `ACMCTL_DB_PASSWORD_FILE`: a file holding only the password (one
    /// trailing newline is not part of it).
    pub password_file: Option<&'a Path>,
    /// `PGPASSFILE`: a libpq password file.
    pub pgpassfile: Option<&'a Path>,
    /// The home directory, for `~/.pgpass` when `PGPASSFILE` is not set.
    pub home: Option<&'a Path>,
}

/// A password, wiped from memory when dropped.
pub type Password = Zeroizing<String>;

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("cannot read the password file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "the password file {} can be read by other users (mode {mode:o}): chmod 600 it",
        path.display()
    )]
    Mode { path: PathBuf, mode: u32 },
    #[error("the password file {} is not a regular file", path.display())]
    NotAFile { path: PathBuf },
    #[error("the password file {} is empty", path.display())]
    Empty { path: PathBuf },
    #[error("the password file {} is not UTF-8 text", path.display())]
    NotUtf8 { path: PathBuf },
    #[error("the password file {} holds more than the password (its first line is the whole password)", path.display())]
    SeveralLines { path: PathBuf },
}

/// The password for `url`, from the first source that is set:
/// `ACMCTL_DB_PASSWORD_FILE` (which must hold it), then `PGPASSFILE` or
/// else `~/.pgpass` (whose first matching line gives it, libpq's rules).
/// `None` when no file has one: the server may not ask (trust, or a client
/// certificate), and if it does the connection fails saying so.
///
/// Every file must be a regular file no other user can read (libpq ignores
/// a readable `.pgpass` with a warning; acmctl refuses it).
pub fn resolve_password(url: &PgUrl, sources: &PasswordSources<'_>) -> Result<Option<Password>, PasswordError> {
    if let Some(path) = sources.password_file {
        let text = read_secret_file(path)?;
        let line = text.strip_suffix('\n').unwrap_or(&text);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.contains('\n') {
            return Err(PasswordError::SeveralLines { path: path.to_path_buf() });
        }
        if line.is_empty() {
            return Err(PasswordError::Empty { path: path.to_path_buf() });
        }
        return Ok(Some(Zeroizing::new(line.to_string())));
    }
    let (path, explicit) = match (sources.pgpassfile, sources.home) {
        (Some(p), _) => (p.to_path_buf(), true),
        (None, Some(home)) => (home.join(".pgpass"), false),
        (None, None) => return Ok(None),
    };
    let text = match read_secret_file(&path) {
        Ok(text) => text,
        // No ~/.pgpass is the common case; a PGPASSFILE that names nothing is a mistake.
        Err(PasswordError::Read { source, .. }) if !explicit && source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    Ok(pgpass_lookup(&text, url))
}

/// The password of the first line of a libpq password file that matches
/// `url` (`host:port:database:user:password`, `*` matching anything, `\`
/// escaping `:` and `\`).
pub fn pgpass_lookup(text: &str, url: &PgUrl) -> Option<Password> {
    let hosts = url.pgpass_hosts();
    let port = url.port.to_string();
    for line in text.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields = split_pgpass_line(line);
        if fields.len() != 5 {
            continue;
        }
        let matches = |field: &str, value: &str| field == "*" || field == value;
        if hosts.iter().any(|h| matches(&fields[0], h))
            && matches(&fields[1], &port)
            && matches(&fields[2], &url.dbname)
            && matches(&fields[3], &url.user)
        {
            let mut fields = fields;
            return Some(Zeroizing::new(std::mem::take(&mut fields[4])));
        }
    }
    None
}

/// Splits one `.pgpass` line on unescaped colons, undoing `\:` and `\\`.
/// The password (the fifth field) takes the rest of the line.
fn split_pgpass_line(line: &str) -> Vec<Zeroizing<String>> {
    let mut fields = vec![Zeroizing::new(String::new())];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    fields.last_mut().unwrap().push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(Zeroizing::new(String::new())),
            c => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

fn read_secret_file(path: &Path) -> Result<Zeroizing<String>, PasswordError> {
    let read_err = |source| PasswordError::Read { path: path.to_path_buf(), source };
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
        .map_err(read_err)?;
    let meta = file.metadata().map_err(read_err)?;
    if !meta.is_file() {
        return Err(PasswordError::NotAFile { path: path.to_path_buf() });
    }
    if meta.mode() & 0o077 != 0 {
        return Err(PasswordError::Mode { path: path.to_path_buf(), mode: meta.mode() & 0o777 });
    }
    let mut bytes = Zeroizing::new(Vec::with_capacity(meta.len() as usize));
    file.read_to_end(&mut bytes).map_err(read_err)?;
    let text = std::str::from_utf8(&bytes).map_err(|_| PasswordError::NotUtf8 { path: path.to_path_buf() })?;
    Ok(Zeroizing::new(text.to_string()))
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn parse(s: &str) -> PgUrl {
        PgUrl::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn full_url() {
        let u = parse(
            "postgresql://acmctl@db.internal:6432/pki?sslmode=verify-full&sslrootcert=/etc/acmctl/db-ca.pem&application_name=acmctl&options=-csearch_path%3Dteam_a&connect_timeout=5",
        );
        assert_eq!(u.user, "acmctl");
        assert_eq!(u.host, Host::Tcp("db.internal".into()));
        assert_eq!(u.port, 6432);
        assert_eq!(u.dbname, "pki");
        assert_eq!(u.sslmode, SslMode::VerifyFull);
        assert_eq!(u.sslrootcert.as_deref(), Some(Path::new("/etc/acmctl/db-ca.pem")));
        assert_eq!(u.application_name.as_deref(), Some("acmctl"));
        assert_eq!(u.options.as_deref(), Some("-csearch_path=team_a"));
        assert_eq!(u.search_path.as_deref(), Some("team_a"));
        assert_eq!(u.connect_timeout, Some(Duration::from_secs(5)));
        assert!(!u.is_loopback());
        assert_eq!(u.location(), "postgresql://acmctl@db.internal:6432/pki (schema team_a)");
    }

    #[test]
    fn defaults_and_forms() {
        let u = parse("postgres://me@localhost");
        assert_eq!((u.port, u.dbname.as_str(), u.sslmode), (5432, "me", SslMode::Require));
        let u = parse("postgresql://me@[::1]:5433/db?sslmode=disable");
        assert_eq!((u.host, u.port, u.sslmode), (Host::Tcp("::1".into()), 5433, SslMode::Disable));
        let u = parse("postgresql://me@127.0.0.2/db?sslmode=disable");
        assert!(u.is_loopback());
        let u = parse("postgresql://me@/db");
        assert_eq!(u.host, Host::Socket(PathBuf::from(DEFAULT_SOCKET_DIR)));
        assert_eq!(u.sslmode, SslMode::Disable);
        let u = parse("postgresql://me@%2Ftmp%2Fpg/db?sslmode=verify-full&sslrootcert=x");
        assert_eq!(u.host, Host::Socket(PathBuf::from("/tmp/pg")));
        assert_eq!(u.sslmode, SslMode::Disable, "no TLS over a socket");
        let u = parse("postgresql:///db?host=/run/pg&user=bob&port=6000");
        assert_eq!((u.host, u.user.as_str(), u.port), (Host::Socket("/run/pg".into()), "bob", 6000));
        let u = parse("postgresql://me@DB.Example.com/db?sslrootcert=/ca.pem");
        assert_eq!(u.sslmode, SslMode::VerifyCa, "require with a root certificate verifies the chain, as libpq");
        assert_eq!(u.host, Host::Tcp("db.example.com".into()));
        let u = parse("postgresql://me@h/db?options=-c%20search_path%3Ds1%20-c%20work_mem%3D4MB");
        assert_eq!(u.search_path.as_deref(), Some("s1"));
        let u = parse("postgresql://me@pg.example.test:5433/db?hostaddr=127.0.0.1&sslmode=disable");
        assert_eq!(
            (u.host.clone(), u.hostaddr),
            (Host::Tcp("pg.example.test".into()), Some("127.0.0.1".parse().unwrap()))
        );
        assert!(u.is_loopback(), "judged by the address connected to");
        let u = parse("postgresql://me@/db?hostaddr=::1&sslmode=disable");
        assert_eq!(u.host, Host::Tcp("::1".into()));
        let u = parse("postgresql://me%40corp@h/d%20b?sslcert=/c.pem&sslkey=/k.pem");
        assert_eq!((u.user.as_str(), u.dbname.as_str()), ("me@corp", "d b"));
        assert_eq!(u.sslkey.as_deref(), Some(Path::new("/k.pem")));
    }

    #[test]
    fn refusals() {
        let cases: &[(&str, UrlError)] = &[
            ("mysql://me@h/db", UrlError::Scheme("mysql".into())),
            ("postgresql://me:secret@h/db", UrlError::PasswordInUrl),
            ("postgresql://me:@h/db", UrlError::PasswordInUrl),
            ("postgresql://me@h/db?password=x", UrlError::PasswordInUrl),
            ("postgresql://h/db", UrlError::NoUser),
            ("postgresql://me@h1,h2/db", UrlError::SeveralHosts("h1,h2".into())),
            ("postgresql://me@h:0/db", UrlError::Port("0".into())),
            ("postgresql://me@h:99999/db", UrlError::Port("99999".into())),
            ("postgresql://me@h:+5/db", UrlError::Port("+5".into())),
            ("postgresql://me@bad_host!/db", UrlError::Host("bad_host!".into())),
            ("postgresql://me@[nope]/db", UrlError::Host("nope".into())),
            ("postgresql://me@h/db?sslmode=prefer", UrlError::SslModeFallback("prefer".into())),
            ("postgresql://me@h/db?sslmode=allow", UrlError::SslModeFallback("allow".into())),
            ("postgresql://me@h/db?sslmode=bogus", UrlError::SslMode("bogus".into())),
            (
                "postgresql://me@db.example.com/db?sslmode=disable",
                UrlError::DisableOffLoopback("db.example.com".into()),
            ),
            ("postgresql://me@10.0.0.1/db?sslmode=disable", UrlError::DisableOffLoopback("10.0.0.1".into())),
            ("postgresql://me@h/db?sslmode=verify-full", UrlError::NoRootCert("verify-full".into())),
            (
                "postgresql://me@localhost/db?hostaddr=192.0.2.1&sslmode=disable",
                UrlError::DisableOffLoopback("192.0.2.1".into()),
            ),
            ("postgresql://me@h/db?hostaddr=pg.example", UrlError::HostAddr("pg.example".into())),
            ("postgresql://me@/db?host=/run/pg&hostaddr=127.0.0.1", UrlError::HostAddrWithSocket),
            ("postgresql://me@h/db?sslmode=verify-ca", UrlError::NoRootCert("verify-ca".into())),
            ("postgresql://me@h/db?sslcert=/c", UrlError::HalfClientCert("sslcert", "sslkey")),
            ("postgresql://me@h/db?sslkey=/k", UrlError::HalfClientCert("sslkey", "sslcert")),
            (
                "postgresql://me@h/db?target_session_attrs=any",
                UrlError::UnknownParameter("target_session_attrs".into()),
            ),
            ("postgresql://me@h/db?sslmode=require&sslmode=disable", UrlError::DuplicateParameter("sslmode".into())),
            ("postgresql://me@h/db?sslrootcert=", UrlError::EmptyParameter("sslrootcert".into())),
            ("postgresql://me@h/db?options=search_path", UrlError::Options("search_path".into())),
            ("postgresql://me@h/db?options=-csearch_path%3D%22x%22", UrlError::Options("-csearch_path=\"x\"".into())),
            ("postgresql://me@h/db?connect_timeout=soon", UrlError::ConnectTimeout("soon".into())),
            ("postgresql://me@h/d%zz", UrlError::Escape("d%zz".into())),
            ("postgresql://me@h/d%ff", UrlError::NotUtf8 { part: "database name" }),
            ("postgresql://me@h/d%00", UrlError::Escape("d%00".into())),
            ("postgresql://me@h/db?application_name=%0A", UrlError::ApplicationName("\\n".into())),
        ];
        for (url, want) in cases {
            assert_eq!(PgUrl::parse(url).as_ref(), Err(want), "{url}");
            let message = want.to_string();
            assert!(!message.contains('\n') && !message.contains("secret"), "{message}");
        }
        assert!(PgUrl::is_pg_url("postgres://x") && PgUrl::is_pg_url("postgresql://x"));
        assert!(!PgUrl::is_pg_url("/var/lib/acmctl") && !PgUrl::is_pg_url("file:///x"));
    }

    fn secret_file(dir: &Path, name: &str, text: &str, mode: u32) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        path
    }

    #[test]
    fn pgpass_rules() {
        let url = parse("postgresql://acmctl@db.internal:6432/pki");
        let text = "# comment\n\
                    db.internal:5432:pki:acmctl:wrong-port\n\
                    db.internal:6432:other:acmctl:wrong-db\n\
                    *:6432:pki:acmctl:pa\\:ss\\\\word:tail\n\
                    *:*:*:*:fallback\n";
        assert_eq!(pgpass_lookup(text, &url).as_deref().map(String::as_str), Some("pa:ss\\word:tail"));
        let other = parse("postgresql://bob@elsewhere/x");
        assert_eq!(pgpass_lookup(text, &other).as_deref().map(String::as_str), Some("fallback"));
        let escaped_host = "db\\.internal:*:*:*:escaped-dot\n";
        assert_eq!(pgpass_lookup(escaped_host, &url).as_deref().map(String::as_str), Some("escaped-dot"));
        assert_eq!(pgpass_lookup("short:line\n", &url), None);
        let socket = parse("postgresql://acmctl@/pki");
        assert_eq!(
            pgpass_lookup("localhost:5432:pki:acmctl:sock\n", &socket).as_deref().map(String::as_str),
            Some("sock")
        );
    }

    #[test]
    fn password_sources() {
        let dir = tempfile::tempdir().unwrap();
        let url = parse("postgresql://acmctl@localhost:5555/acmctl");
        let own = secret_file(dir.path(), "pw", "s3cret\n", 0o600);
        let pgpass = secret_file(dir.path(), "pgpass", "localhost:5555:acmctl:acmctl:from-pgpass\n", 0o600);
        let get = |s: PasswordSources<'_>| resolve_password(&url, &s).map(|p| p.map(|p| p.to_string()));

        let both = PasswordSources { password_file: Some(&own), pgpassfile: Some(&pgpass), home: None };
        assert_eq!(get(both).unwrap().as_deref(), Some("s3cret"), "ACMCTL_DB_PASSWORD_FILE first");
        let pg = PasswordSources { pgpassfile: Some(&pgpass), home: Some(dir.path()), ..Default::default() };
        assert_eq!(get(pg).unwrap().as_deref(), Some("from-pgpass"));
        // ~/.pgpass: missing is no password; present is read.
        assert_eq!(get(PasswordSources { home: Some(dir.path()), ..Default::default() }).unwrap(), None);
        secret_file(dir.path(), ".pgpass", "*:*:*:acmctl:home\n", 0o600);
        assert_eq!(
            get(PasswordSources { home: Some(dir.path()), ..Default::default() }).unwrap().as_deref(),
            Some("home")
        );
        assert_eq!(get(PasswordSources::default()).unwrap(), None);

        let open = secret_file(dir.path(), "open", "x\n", 0o644);
        let e = get(PasswordSources { password_file: Some(&open), ..Default::default() }).unwrap_err();
        assert!(matches!(e, PasswordError::Mode { mode: 0o644, .. }), "{e}");
        let e = get(PasswordSources { pgpassfile: Some(&open), ..Default::default() }).unwrap_err();
        assert!(matches!(e, PasswordError::Mode { .. }), "{e}");
        let missing = dir.path().join("missing");
        let e = get(PasswordSources { pgpassfile: Some(&missing), ..Default::default() }).unwrap_err();
        assert!(matches!(e, PasswordError::Read { .. }), "{e}");
        let empty = secret_file(dir.path(), "empty", "\n", 0o600);
        assert!(matches!(
            get(PasswordSources { password_file: Some(&empty), ..Default::default() }),
            Err(PasswordError::Empty { .. })
        ));
        let two = secret_file(dir.path(), "two", "a\nb\n", 0o600);
        assert!(matches!(
            get(PasswordSources { password_file: Some(&two), ..Default::default() }),
            Err(PasswordError::SeveralLines { .. })
        ));
        let e = get(PasswordSources { password_file: Some(dir.path()), ..Default::default() }).unwrap_err();
        assert!(matches!(e, PasswordError::NotAFile { .. } | PasswordError::Mode { .. }), "{e}");
    }
}
