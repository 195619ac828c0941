//! What serve does between requests (ACM-API.md §1): DNS validation of the
//! certificates pending it, every `--validation-interval`, and managed
//! renewal, every `--renewal-interval`, in every region of the store. Each
//! pass is what `acmctl cert validate` and `acmctl renew` do, so the CLI
//! and serve can run them at once on one store.

use std::sync::Arc;
use std::time::Duration;

use super::OpsApi;
use crate::model::{CertificateStatus, CertificateType, Region, ValidationMethod};
use crate::ops::renew::Action;
use crate::ops::{self, Scope};
use crate::policy::status_at;
use crate::serve::log::{Event, Log};

fn scope(api: &OpsApi, region: Region) -> Scope<'_> {
    Scope { store: api.store(), region, now: api.settings().clock.now(), settings: api.settings() }
}

fn regions(api: &OpsApi, log: &dyn Log) -> Vec<Region> {
    api.store().regions().unwrap_or_else(|e| {
        log.event(&Event::Warning(&format!("cannot list the store's regions: {e}")));
        Vec::new()
    })
}

/// One pass of DNS validation. A certificate still pending is no news;
/// one that could not be checked (a name server that does not answer) is
/// logged, and tried again next time.
pub fn validate_pending(api: &OpsApi, log: &dyn Log) {
    for region in regions(api, log) {
        let scope = scope(api, region);
        let Ok(summaries) = scope.read(|tx| Ok(tx.summaries()?)) else { continue };
        for s in summaries {
            if s.cert_type != CertificateType::AmazonIssued
                || status_at(s.status, s.not_after, s.created_at, scope.now) != CertificateStatus::PendingValidation
            {
                continue;
            }
            let record = scope.read(|tx| Ok(tx.certificate(&s.arn)?)).ok().flatten();
            let dns = record.is_some_and(|r| r.validation_method == Some(ValidationMethod::Dns));
            if !dns {
                continue;
            }
            match ops::validate::validate(&scope, &s.arn, None, None) {
                Ok(v) if v.outcome == ops::validate::Validation::Issued => {
                    log.event(&Event::Notice(&format!("validated and issued {}", s.arn)));
                }
                Ok(v) if v.outcome == ops::validate::Validation::Failed => {
                    let why = v.failure.map(|e| e.message).unwrap_or_default();
                    log.event(&Event::Warning(&format!("validation of {}: FAILED: {why}", s.arn)));
                }
                Ok(_) => {}
                Err(e) => log.event(&Event::Warning(&format!("validation of {}: {}", s.arn, e.message))),
            }
        }
    }
}

/// One pass of managed renewal (the `renew` sweep), and the day's expiry
/// events where a sink is set (ACMCTL_EVENT_FILE, ACMCTL_EVENT_COMMAND or
/// the config file).
pub fn renew_due(api: &OpsApi, log: &dyn Log) {
    let passphrase = match api.settings().ca_passphrase() {
        Ok(p) => p,
        Err(e) => {
            log.event(&Event::Warning(&format!("renewal: {}", e.message)));
            return;
        }
    };
    for region in regions(api, log) {
        match ops::renew::sweep(&scope(api, region), passphrase.as_ref(), &|_| {}) {
            Ok(entries) => {
                for e in entries {
                    match e.action {
                        Action::Renewed => log.event(&Event::Notice(&format!("renewed {}", e.arn))),
                        Action::Failed | Action::PendingValidation => log.event(&Event::Warning(&format!(
                            "renewal of {}: {} ({})",
                            e.arn,
                            e.action.as_str(),
                            e.reason.as_deref().unwrap_or("no reason given")
                        ))),
                        Action::Skipped => {}
                    }
                }
            }
            Err(e) => log.event(&Event::Warning(&format!("renewal in {region}: {}", e.message))),
        }
        let Some(sink) = api.settings().event_sink(None, None) else { continue };
        match ops::events::send_expiry_events(&scope(api, region), &sink) {
            Ok(sent) => {
                for e in sent {
                    match e.error {
                        None => log.event(&Event::Notice(&format!(
                            "sent the expiry event of {} ({} days to expiry)",
                            e.arn, e.days_to_expiry
                        ))),
                        Some(why) => {
                            log.event(&Event::Warning(&format!("expiry event of {}: {why}", e.arn)));
                        }
                    }
                }
            }
            Err(e) => log.event(&Event::Warning(&format!("expiry events in {region}: {}", e.message))),
        }
    }
}

/// Starts both loops, each on its own thread for as long as the process
/// runs (a pass cut short by the end of the process leaves the store
/// consistent: every write is atomic).
pub fn start(api: Arc<OpsApi>, validation: Duration, renewal: Duration, log: Arc<dyn Log>) {
    let every = |interval: Duration, name: &str, pass: fn(&OpsApi, &dyn Log)| {
        let (api, thread_log) = (Arc::clone(&api), Arc::clone(&log));
        let spawned = std::thread::Builder::new().name(name.into()).spawn(move || {
            loop {
                std::thread::sleep(interval);
                // A bug met in one pass must not end the ones after it.
                let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pass(&api, thread_log.as_ref())));
                if ran.is_err() {
                    thread_log.event(&Event::Warning("a background pass failed unexpectedly; it runs again next time"));
                }
            }
        });
        if let Err(e) = spawned {
            log.event(&Event::Warning(&format!("cannot start the {name} thread: {e}")));
        }
    };
    every(validation, "validation", validate_pending);
    every(renewal, "renewal", renew_due);
}
