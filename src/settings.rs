//! Settings, resolved once: the command line's global flags, the
//! environment and the config file, read here and nowhere else, then
//! passed down. (The environment is read through `Env`, so that the
//! precedence rules are tested without touching the process's own.)

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::cli::GlobalArgs;
use crate::config::{self, Config};
use crate::error::{Error, Result};
use crate::model::{AccountId, Region};
use crate::ops::events::EventSink;
use crate::output::ColorChoice;
use crate::passphrase::{self, Passphrase};
use crate::store::pg::PgUrl;
use crate::store::{PgOptions, StoreLocation, StoreOptions};

/// Where settings come from besides the command line.
pub trait Env {
    fn var(&self, name: &str) -> Option<OsString>;
    /// Every variable, for the allow-list handed to reload commands.
    fn vars(&self) -> Vec<(OsString, OsString)>;
}

/// The process's own environment.
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> Option<OsString> {
        std::env::var_os(name)
    }

    fn vars(&self) -> Vec<(OsString, OsString)> {
        std::env::vars_os().collect()
    }
}

/// `COMPLETE`: set to a shell's name, acmctl prints that shell's dynamic
/// completion script (or, from the script, completions) instead of running.
pub fn completion_requested() -> bool {
    ProcessEnv.var("COMPLETE").is_some()
}

/// How long a writer waits for a busy region, unless ACMCTL_LOCK_TIMEOUT says.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a reload command may run, unless ACMCTL_HOOK_TIMEOUT or the
/// config file's hook_timeout says.
pub const DEFAULT_HOOK_TIMEOUT: Duration = Duration::from_secs(120);

/// Variables a reload command keeps from acmctl's environment; everything
/// else (ACMCTL_CA_PASSPHRASE above all) is left out.
const HOOK_ENV_ALLOWED: [&str; 9] = ["PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TMPDIR"];

/// The clock: the system's, or ACMCTL_NOW.
#[derive(Clone, Copy, Debug)]
pub enum Clock {
    System,
    Fixed(OffsetDateTime),
}

impl Clock {
    pub fn now(self) -> OffsetDateTime {
        match self {
            Clock::Fixed(t) => t,
            Clock::System => OffsetDateTime::now_utc().replace_nanosecond(0).expect("0 is a valid nanosecond"),
        }
    }
}

/// What a reload command runs with.
#[derive(Clone, Debug)]
pub struct HookSettings {
    pub timeout: Duration,
    /// The allowed part of acmctl's environment.
    pub env: Vec<(OsString, OsString)>,
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub region: Region,
    pub store: StoreOptions,
    /// This host, to which the deployments it makes belong: each host's
    /// `renew` redeploys only its own (ACMCTL_HOST_ID, else the machine id).
    pub host_id: String,
    /// The store was named (--store or ACMCTL_HOME), not the platform's
    /// default: only its own directory is made, under a parent that exists.
    pub store_named: bool,
    pub clock: Clock,
    pub color: bool,
    /// Names per certificate (ACM's quota).
    pub san_quota: usize,
    pub hooks: HookSettings,
    /// The issuer domains of the public authority in CAA records.
    pub caa_domains: Vec<String>,
    nameserver: Option<(&'static str, String)>,
    /// Where expiry events go.
    event_sink: Option<EventSink>,
    smtp_relay: Option<String>,
    ca_passphrase: Option<zeroize::Zeroizing<Vec<u8>>>,
}

impl Settings {
    /// Reads the process's environment and config file.
    pub fn from_process(global: &GlobalArgs) -> Result<Settings> {
        Self::resolve(global, &ProcessEnv)
    }

    pub fn resolve(global: &GlobalArgs, env: &dyn Env) -> Result<Settings> {
        let var = |name: &str| env.var(name).filter(|v| !v.is_empty());
        let text = |name: &str| var(name).map(|v| v.to_string_lossy().into_owned());
        let config_path = var("ACMCTL_CONFIG").map(PathBuf::from).or_else(config::default_path);
        let config = match &config_path {
            Some(p) => Config::load(p)?,
            None => Config::default(),
        };
        let region = resolve_region(global.region, &text, &config)?;
        let clock = match text("ACMCTL_NOW") {
            Some(s) => Clock::Fixed(parse_now(&s)?),
            None => Clock::System,
        };
        let lock_timeout = match var("ACMCTL_LOCK_TIMEOUT") {
            Some(v) => seconds(&v).ok_or_else(|| {
                Error::invalid(format!("ACMCTL_LOCK_TIMEOUT '{}' is not a number of seconds", v.to_string_lossy()))
                    .with_hint("for example ACMCTL_LOCK_TIMEOUT=5 (seconds; 0 does not wait)")
            })?,
            None => DEFAULT_LOCK_TIMEOUT,
        };
        let hook_timeout = match (var("ACMCTL_HOOK_TIMEOUT"), config.hook_timeout) {
            (Some(v), _) => seconds(&v).filter(|d| !d.is_zero()).ok_or_else(|| {
                Error::invalid(format!(
                    "ACMCTL_HOOK_TIMEOUT '{}' is not a positive number of seconds",
                    v.to_string_lossy()
                ))
                .with_hint("for example ACMCTL_HOOK_TIMEOUT=60")
            })?,
            (None, Some(s)) => Duration::from_secs(s),
            (None, None) => DEFAULT_HOOK_TIMEOUT,
        };
        let store_named = global.store.is_some() || var("ACMCTL_HOME").is_some();
        let location = match (&global.store, var("ACMCTL_HOME")) {
            (Some(p), _) => p.clone(),
            (None, Some(home)) => PathBuf::from(home),
            (None, None) => default_store_path(env)?,
        };
        let location = store_location(&location)?;
        let path = |name: &str| var(name).map(PathBuf::from);
        let pg = PgOptions {
            password_file: path("ACMCTL_DB_PASSWORD_FILE"),
            pgpassfile: path("PGPASSFILE"),
            home: path("HOME"),
            store_key_file: path("ACMCTL_STORE_KEY_FILE"),
            // Only a database store uses it, and only for default deployment
            // directories: a missing home is reported where it matters.
            local_dir: match &location {
                StoreLocation::Pg(_) => default_store_path(env).map_err(|e| e.to_string()),
                StoreLocation::Dir(_) => Err("a directory store keeps its local files itself".into()),
            },
        };
        let host_id = match text("ACMCTL_HOST_ID") {
            Some(id) => id.trim().to_string(),
            None => machine_id(),
        };
        let new_account = match &config.account_id {
            Some(a) => {
                Some(a.parse::<AccountId>().map_err(|e| Error::invalid(format!("config file account_id: {e}")))?)
            }
            None => None,
        };
        let color = match global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => var("NO_COLOR").is_none() && std::io::IsTerminal::is_terminal(&std::io::stderr()),
        };
        let nameserver = match (text("ACMCTL_NAMESERVER"), &config.nameserver) {
            (Some(v), _) => Some(("ACMCTL_NAMESERVER", v)),
            (None, Some(v)) => Some(("config file nameserver", v.clone())),
            (None, None) => None,
        };
        let event_sink = match (var("ACMCTL_EVENT_FILE"), text("ACMCTL_EVENT_COMMAND")) {
            (Some(_), Some(_)) => {
                return Err(Error::invalid(
                    "ACMCTL_EVENT_FILE and ACMCTL_EVENT_COMMAND are both set; expiry events go to one sink",
                ));
            }
            (Some(f), None) => Some(EventSink::File(PathBuf::from(f))),
            (None, Some(c)) => Some(EventSink::Command(c)),
            (None, None) => match (&config.event_file, &config.event_command) {
                (Some(f), _) => Some(EventSink::File(f.clone())),
                (None, Some(c)) => Some(EventSink::Command(c.clone())),
                (None, None) => None,
            },
        };
        let hook_env = env
            .vars()
            .into_iter()
            .filter(|(k, _)| {
                let k = k.to_string_lossy();
                HOOK_ENV_ALLOWED.contains(&k.as_ref()) || k.starts_with("LC_")
            })
            .collect();
        Ok(Settings {
            region,
            store: StoreOptions { location, new_account, lock_timeout, pg },
            host_id,
            store_named,
            clock,
            color,
            san_quota: config.san_quota(),
            hooks: HookSettings { timeout: hook_timeout, env: hook_env },
            caa_domains: config.caa_domains(),
            nameserver,
            event_sink,
            smtp_relay: text("ACMCTL_SMTP_RELAY").or(config.smtp_relay.clone()),
            ca_passphrase: var(passphrase::ENV).map(|v| zeroize::Zeroizing::new(v.into_encoded_bytes())),
        })
    }

    /// The name server for validation lookups: `flag` (a command's
    /// `--nameserver`), else ACMCTL_NAMESERVER, else the config file; `None`
    /// means the system resolver. Checked when it is needed, so that a
    /// command that does no lookup is not stopped by it.
    pub fn nameserver(&self, flag: Option<&str>) -> Result<Option<std::net::SocketAddr>> {
        let (source, value) = match (flag, &self.nameserver) {
            (Some(v), _) => ("--nameserver", v),
            (None, Some((source, v))) => (*source, v.as_str()),
            (None, None) => return Ok(None),
        };
        crate::validation::dns::parse_host_port(value, 53).map(Some).map_err(|why| {
            Error::invalid(format!("{source} '{value}' is not a name server: {why}"))
                .with_hint("give HOST:PORT, for example 127.0.0.1:5353")
        })
    }

    /// Where expiry events go: `file` or `command` (a command's flags),
    /// else ACMCTL_EVENT_FILE or ACMCTL_EVENT_COMMAND, else the config
    /// file's event_file or event_command; none: no events are sent.
    pub fn event_sink(&self, file: Option<&std::path::Path>, command: Option<&str>) -> Option<EventSink> {
        match (file, command) {
            (Some(f), _) => Some(EventSink::File(f.to_path_buf())),
            (None, Some(c)) => Some(EventSink::Command(c.to_string())),
            (None, None) => self.event_sink.clone(),
        }
    }

    /// The SMTP relay for validation email: ACMCTL_SMTP_RELAY, else the
    /// config file's smtp_relay.
    pub fn smtp_relay(&self) -> Option<&str> {
        self.smtp_relay.as_deref()
    }

    /// ACMCTL_CA_PASSPHRASE, if set and not empty; checked when used.
    pub fn ca_passphrase(&self) -> Result<Option<Passphrase>> {
        match &self.ca_passphrase {
            Some(bytes) => Passphrase::new(bytes.to_vec(), passphrase::ENV).map(Some),
            None => Ok(None),
        }
    }
}

/// `--region`, else ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, else the
/// config file, else us-east-1.
fn resolve_region(flag: Option<Region>, var: &dyn Fn(&str) -> Option<String>, config: &Config) -> Result<Region> {
    if let Some(r) = flag {
        return Ok(r);
    }
    for name in ["ACMCTL_REGION", "AWS_REGION", "AWS_DEFAULT_REGION"] {
        if let Some(value) = var(name) {
            return value.parse().map_err(|e| Error::invalid(format!("{name}: {e}")));
        }
    }
    if let Some(value) = &config.region {
        return value.parse().map_err(|e| Error::invalid(format!("config file region: {e}")));
    }
    Ok(Region::default())
}

fn parse_now(s: &str) -> Result<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339)
        .ok()
        // Times from which every validity acmctl can give (100 years at
        // most) is still a time an X.509 certificate can carry.
        .filter(|t| (1950..=9899).contains(&t.year()))
        .map(|t| t.to_offset(time::UtcOffset::UTC))
        .ok_or_else(|| {
            Error::invalid(format!("ACMCTL_NOW '{s}' is not an RFC 3339 time between the years 1950 and 9899"))
                .with_hint("for example ACMCTL_NOW=2027-01-31T12:00:00Z")
        })
}

/// A number of seconds, as ACMCTL_LOCK_TIMEOUT and ACMCTL_HOOK_TIMEOUT take it.
fn seconds(value: &std::ffi::OsStr) -> Option<Duration> {
    value
        .to_str()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
}

/// The platform data directory (`~/.local/share/acmctl` on Linux). Its
/// parents are made only under a home directory that exists: acmctl never
/// creates directories from `/` because HOME names something that is not there.
fn default_store_path(env: &dyn Env) -> Result<PathBuf> {
    let no_home = || Error::failure("cannot find a home directory for the store; pass --store DIR or set ACMCTL_HOME");
    let dirs = directories::ProjectDirs::from("", "", "acmctl").ok_or_else(no_home)?;
    if let Some(home) = env.var("HOME").filter(|h| !h.is_empty()).map(PathBuf::from)
        && !home.is_dir()
    {
        return Err(Error::failure(format!(
            "the home directory {} does not exist, so the store has no default place",
            home.display()
        ))
        .with_hint("pass --store DIR or set ACMCTL_HOME"));
    }
    Ok(dirs.data_dir().to_path_buf())
}

/// A store's location as `--store` and ACMCTL_HOME give it: a
/// `postgresql://` or `postgres://` URL, else a directory (made absolute).
pub fn store_location(location: &Path) -> Result<StoreLocation> {
    Ok(match location.to_str() {
        Some(url) if PgUrl::is_pg_url(url) => StoreLocation::Pg(Box::new(PgUrl::parse(url).map_err(|e| {
            Error::invalid(e.to_string()).with_hint(
                "for example postgresql://acmctl@db.example.com/acmctl?sslmode=verify-full&sslrootcert=/etc/acmctl/db-ca.pem",
            )
        })?)),
        _ => StoreLocation::Dir(
            std::path::absolute(location)
                .map_err(|e| Error::invalid(format!("store path {}: {e}", location.display())))?,
        ),
    })
}

/// This machine's id (systemd's /etc/machine-id, else D-Bus's copy of it,
/// else the host name): the default of ACMCTL_HOST_ID.
fn machine_id() -> String {
    ["/etc/machine-id", "/var/lib/dbus/machine-id", "/etc/hostname"]
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|s| s.trim().to_string())
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "localhost".into())
}

/// Whether `path`'s parent exists, for a store named on the command line or
/// in ACMCTL_HOME: only the store's own directory is made.
pub fn check_store_parent(path: &Path) -> Result<()> {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() && !parent.is_dir() => Err(Error::invalid(format!(
            "the store {} cannot be made: its parent directory {} does not exist",
            path.display(),
            parent.display()
        ))
        .with_hint("create the parent directory first, or choose another --store DIR")),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Vars(Vec<(&'static str, &'static str)>);

    impl Env for Vars {
        fn var(&self, name: &str) -> Option<OsString> {
            self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| OsString::from(v))
        }
        fn vars(&self) -> Vec<(OsString, OsString)> {
            self.0.iter().map(|(k, v)| (OsString::from(k), OsString::from(v))).collect()
        }
    }

    fn text<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn region_precedence() {
        let cfg = Config { region: Some("ap-southeast-2".into()), ..Config::default() };
        let flag: Region = "eu-west-3".parse().unwrap();
        let all = [("ACMCTL_REGION", "eu-west-1"), ("AWS_REGION", "eu-west-2"), ("AWS_DEFAULT_REGION", "us-west-2")];
        assert_eq!(resolve_region(Some(flag), &text(&all), &cfg).unwrap(), flag);
        assert_eq!(resolve_region(None, &text(&all), &cfg).unwrap().as_str(), "eu-west-1");
        assert_eq!(resolve_region(None, &text(&all[1..]), &cfg).unwrap().as_str(), "eu-west-2");
        assert_eq!(resolve_region(None, &text(&all[2..]), &cfg).unwrap().as_str(), "us-west-2");
        assert_eq!(resolve_region(None, &text(&[]), &cfg).unwrap().as_str(), "ap-southeast-2");
        assert_eq!(resolve_region(None, &text(&[]), &Config::default()).unwrap().as_str(), "us-east-1");
        let err = resolve_region(None, &text(&[("AWS_REGION", "moon-1")]), &cfg).unwrap_err();
        assert_eq!(err.exit_code(), crate::error::exit::INVALID_INPUT);
        assert!(err.message.contains("AWS_REGION"));
    }

    fn global() -> GlobalArgs {
        GlobalArgs {
            region: None,
            store: Some(PathBuf::from("/tmp/acmctl-settings-test")),
            output: crate::output::OutputFormat::Text,
            color: ColorChoice::Never,
            quiet: false,
        }
    }

    #[test]
    fn the_environment_is_read_once_into_settings() {
        let env = Vars(vec![
            ("ACMCTL_CONFIG", "/nonexistent/acmctl.toml"),
            ("ACMCTL_NOW", "2030-05-06T07:08:09+02:00"),
            ("ACMCTL_LOCK_TIMEOUT", "2.5"),
            ("ACMCTL_NAMESERVER", "127.0.0.1:5353"),
            ("ACMCTL_SMTP_RELAY", "127.0.0.1:2525"),
            ("ACMCTL_CA_PASSPHRASE", "a good passphrase"),
            ("PATH", "/usr/bin"),
            ("LC_ALL", "C"),
        ]);
        let s = Settings::resolve(&global(), &env).unwrap();
        assert_eq!(crate::clock::rfc3339(s.clock.now()), "2030-05-06T05:08:09Z");
        assert_eq!(s.store.lock_timeout, Duration::from_millis(2500));
        assert_eq!(s.nameserver(None).unwrap(), Some("127.0.0.1:5353".parse().unwrap()));
        assert_eq!(s.nameserver(Some("127.0.0.2:53")).unwrap(), Some("127.0.0.2:53".parse().unwrap()));
        assert_eq!(s.smtp_relay(), Some("127.0.0.1:2525"));
        assert_eq!(s.ca_passphrase().unwrap().unwrap().as_bytes(), b"a good passphrase");
        let names: Vec<_> = s.hooks.env.iter().map(|(k, _)| k.to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["PATH", "LC_ALL"], "the passphrase never reaches a reload command");
        assert_eq!(s.hooks.timeout, DEFAULT_HOOK_TIMEOUT);
    }

    #[test]
    fn bad_values_name_their_variable() {
        for (name, value) in [
            ("ACMCTL_NOW", "yesterday"),
            ("ACMCTL_NOW", "0000-01-01T00:00:00Z"),
            ("ACMCTL_NOW", "9999-12-31T23:59:59Z"),
            ("ACMCTL_LOCK_TIMEOUT", "soon"),
            ("ACMCTL_HOOK_TIMEOUT", "0"),
        ] {
            let env = Vars(vec![("ACMCTL_CONFIG", "/nonexistent/acmctl.toml"), (name, value)]);
            let e = Settings::resolve(&global(), &env).unwrap_err();
            assert_eq!(e.exit_code(), 3, "{name}={value}");
            assert!(e.message.contains(name) && e.message.contains(value), "{}", e.message);
        }
        // A bad name server stops only the commands that look names up.
        let env = Vars(vec![("ACMCTL_CONFIG", "/nonexistent/acmctl.toml"), ("ACMCTL_NAMESERVER", "x:y")]);
        let s = Settings::resolve(&global(), &env).unwrap();
        assert!(s.nameserver(None).unwrap_err().message.contains("ACMCTL_NAMESERVER"));
    }

    #[test]
    fn nameserver_precedence() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config.toml");
        std::fs::write(&config, "nameserver = \"127.0.0.1:5303\"\n").unwrap();
        let config: &'static str = Box::leak(config.display().to_string().into_boxed_str());
        let with_env = Vars(vec![("ACMCTL_CONFIG", config), ("ACMCTL_NAMESERVER", "127.0.0.1:5302")]);
        let s = Settings::resolve(&global(), &with_env).unwrap();
        assert_eq!(s.nameserver(Some("127.0.0.1:5301")).unwrap().unwrap().port(), 5301);
        assert_eq!(s.nameserver(None).unwrap().unwrap().port(), 5302);
        let empty_env = Vars(vec![("ACMCTL_CONFIG", config), ("ACMCTL_NAMESERVER", "")]);
        assert_eq!(Settings::resolve(&global(), &empty_env).unwrap().nameserver(None).unwrap().unwrap().port(), 5303);
        let none = Vars(vec![("ACMCTL_CONFIG", "/nonexistent/acmctl.toml")]);
        let s = Settings::resolve(&global(), &none).unwrap();
        assert_eq!(s.nameserver(None).unwrap(), None);
        assert_eq!(s.nameserver(Some("127.0.0.1")).unwrap().unwrap().port(), 53);
        let err = s.nameserver(Some("127.0.0.1:notaport")).unwrap_err();
        assert_eq!(err.exit_code(), crate::error::exit::INVALID_INPUT);
        assert!(err.message.contains("--nameserver"));
    }

    #[test]
    fn a_store_url_names_a_database_and_its_files_come_from_the_environment() {
        let mut g = global();
        g.store = None;
        let env = Vars(vec![
            ("ACMCTL_CONFIG", "/nonexistent/acmctl.toml"),
            ("ACMCTL_HOME", "postgresql://acmctl@db.example.com/pki?sslmode=verify-full&sslrootcert=/etc/ca.pem"),
            ("ACMCTL_STORE_KEY_FILE", "/etc/acmctl/store.key"),
            ("ACMCTL_DB_PASSWORD_FILE", "/run/acmctl/db-password"),
            ("PGPASSFILE", "/etc/acmctl/pgpass"),
            ("ACMCTL_HOST_ID", "runner-7"),
            ("HOME", "/tmp"),
        ]);
        let s = Settings::resolve(&g, &env).unwrap();
        let StoreLocation::Pg(url) = &s.store.location else { panic!("{:?}", s.store.location) };
        assert_eq!(url.location(), "postgresql://acmctl@db.example.com:5432/pki");
        assert_eq!(s.store.pg.store_key_file.as_deref(), Some(Path::new("/etc/acmctl/store.key")));
        assert_eq!(s.store.pg.password_file.as_deref(), Some(Path::new("/run/acmctl/db-password")));
        assert_eq!(s.store.pg.pgpassfile.as_deref(), Some(Path::new("/etc/acmctl/pgpass")));
        assert_eq!(s.host_id, "runner-7");
        // --store takes a URL too, before ACMCTL_HOME; a directory stays a directory.
        g.store = Some(PathBuf::from("postgres://acmctl@127.0.0.1/other?sslmode=require"));
        assert!(matches!(Settings::resolve(&g, &env).unwrap().store.location, StoreLocation::Pg(_)));
        g.store = Some(PathBuf::from("/srv/pki"));
        assert!(matches!(Settings::resolve(&g, &env).unwrap().store.location, StoreLocation::Dir(_)));
        // A bad URL is bad input, named.
        for bad in
            ["postgresql://acmctl:secret@db.example.com/pki", "postgresql://acmctl@db.example.com/pki?sslmode=prefer"]
        {
            g.store = Some(PathBuf::from(bad));
            let e = Settings::resolve(&g, &env).unwrap_err();
            assert_eq!(e.exit_code(), crate::error::exit::INVALID_INPUT, "{bad}: {}", e.message);
        }
    }

    #[test]
    fn a_home_that_does_not_exist_gives_no_default_store() {
        let mut g = global();
        g.store = None;
        let env = Vars(vec![("ACMCTL_CONFIG", "/nonexistent/acmctl.toml"), ("HOME", "/nonexistent/home")]);
        let e = Settings::resolve(&g, &env).unwrap_err();
        assert!(e.message.contains("/nonexistent/home"), "{}", e.message);
    }
}
