//! Expiry events: once a day, for every active certificate of the region
//! within its account's DaysBeforeExpiry of expiring, an event in
//! EventBridge's shape ("ACM Certificate Approaching Expiration") goes to
//! the sink: appended as a line to a JSON-lines file, or given on stdin to
//! a command. The day it was sent is kept in the certificate's record, so
//! that every sweep of the day after the first sends nothing more.

use std::io::Write;
use std::path::PathBuf;

use serde_json::{Value, json};

use super::Scope;
use crate::clock::rfc3339;
use crate::error::{Error, Result};
use crate::model::CertificateArn;
use crate::policy::events::{DETAIL_TYPE, SOURCE, day_of, event_due, in_window};
use crate::policy::status_at;

/// Where expiry events go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventSink {
    /// Each event one line of this file, appended.
    File(PathBuf),
    /// `sh -c COMMAND` once per event, the event on its stdin.
    Command(String),
}

impl std::fmt::Display for EventSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EventSink::File(p) => write!(f, "the event file {}", p.display()),
            EventSink::Command(c) => write!(f, "the event command '{c}'"),
        }
    }
}

/// One event sent, or that could not be.
#[derive(Debug)]
pub struct Sent {
    pub arn: CertificateArn,
    pub days_to_expiry: i64,
    pub event: Value,
    /// Why it could not be delivered; it is sent again by the next sweep.
    pub error: Option<String>,
}

/// The event for `arn`, as EventBridge delivers ACM's.
pub fn event(scope: &Scope, arn: &CertificateArn, common_name: &str, days_to_expiry: i64) -> Value {
    json!({
        "version": "0",
        "id": uuid::Uuid::new_v4().to_string(),
        "detail-type": DETAIL_TYPE,
        "source": SOURCE,
        "account": arn.account().to_string(),
        "time": rfc3339(scope.now),
        "region": scope.region.to_string(),
        "resources": [arn.to_string()],
        "detail": {
            "DaysToExpiry": days_to_expiry,
            "CommonName": common_name,
        },
    })
}

/// Sends today's expiry events of the region to `sink`. Each certificate's
/// day is marked before its event goes out (so that two sweeps at once send
/// it once), and unmarked if it could not be delivered (so that the next
/// sweep tries again).
pub fn send_expiry_events(scope: &Scope, sink: &EventSink) -> Result<Vec<Sent>> {
    let days_before = scope.read(|tx| Ok(tx.account_configuration()?))?.days_before_expiry;
    let today = day_of(scope.now);
    let mut out = Vec::new();
    for s in scope.read(|tx| Ok(tx.summaries()?))? {
        // The index decides most certificates without opening their records.
        let status = status_at(s.status, s.not_after, s.created_at, scope.now);
        if in_window(status, s.not_after, scope.now, days_before).is_none() {
            continue;
        }
        let claimed = scope.write(|tx| {
            let Some(mut rec) = tx.certificate(&s.arn)? else { return Ok(None) };
            let status = status_at(rec.status, rec.not_after, rec.created_at, scope.now);
            let Some(days) = event_due(status, rec.not_after, scope.now, days_before, rec.expiry_event_on.as_deref())
            else {
                return Ok(None);
            };
            let before = rec.expiry_event_on.replace(today.clone());
            tx.save_certificate(&rec)?;
            Ok(Some((days, rec.domain_name.clone(), before)))
        })?;
        let Some((days, common_name, before)) = claimed else { continue };
        let event = event(scope, &s.arn, &common_name, days);
        let error = deliver(scope, sink, &event).err();
        if error.is_some() {
            scope.write(|tx| {
                if let Some(mut rec) = tx.certificate(&s.arn)?
                    && rec.expiry_event_on.as_deref() == Some(today.as_str())
                {
                    rec.expiry_event_on = before.clone();
                    tx.save_certificate(&rec)?;
                }
                Ok(())
            })?;
        }
        out.push(Sent { arn: s.arn, days_to_expiry: days, event, error: error.map(|e| e.message) });
    }
    Ok(out)
}

fn deliver(scope: &Scope, sink: &EventSink, event: &Value) -> Result<()> {
    let mut line = serde_json::to_vec(event).map_err(|e| Error::failure(format!("cannot write the event: {e}")))?;
    line.push(b'\n');
    match sink {
        EventSink::File(path) => {
            // One write of one line, in append mode: lines from processes
            // sweeping at once do not interleave.
            let mut file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|e| Error::failure(format!("cannot open {sink}: {e}")))?;
            file.write_all(&line).map_err(|e| Error::failure(format!("cannot append to {sink}: {e}")))
        }
        EventSink::Command(cmd) => {
            let hooks = &scope.settings.hooks;
            match super::deploy::hook::run_shell(hooks, cmd, &[], Some(&line)) {
                Ok(Some(status)) if status.success() => Ok(()),
                Ok(Some(status)) => Err(Error::failure(format!("{sink} failed with {status}"))),
                Ok(None) => Err(Error::failure(format!(
                    "{sink} did not finish within {} s and was stopped",
                    hooks.timeout.as_secs_f64()
                ))),
                Err(e) => Err(Error::failure(format!("cannot run {sink}: {e}"))),
            }
        }
    }
}
