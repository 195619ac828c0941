//! Deploying a certificate to an ACM-integrated service: ACM's rules
//! (`policy::deploy`) decide, the files go where a real server reads them
//! (`layout`), the certificate records the target (`InUseBy`), and the
//! server's reload command runs (`hook`) once the store is unlocked.
//! Renewal and re-import redeploy through `Redeploy`.

pub mod hook;
pub mod layout;

use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use super::{Scope, certificate};
use crate::error::{Error, ErrorKind, Result};
use crate::fsx;
use crate::model::{CertificateArn, CertificateRecord, Deployment, EndpointType, Material, TargetArn, TargetKind};
use crate::policy::deploy::{displaced, rules_checked};
use crate::policy::{Decision, Rule, decide_deploy};
use crate::settings::HookSettings;
use crate::store::RegionTx;

pub struct Deploy {
    pub arn: CertificateArn,
    pub target: TargetArn,
    /// Where the files go [default: the store's deployments directory].
    pub dest: Option<PathBuf>,
    pub exec: Option<String>,
    /// API Gateway's endpoint type [default: REGIONAL].
    pub endpoint_type: Option<EndpointType>,
    /// Use a destination that holds files acmctl did not make.
    pub force: bool,
}

#[derive(Debug)]
pub struct Deployed {
    pub arn: CertificateArn,
    pub target: String,
    pub dest: PathBuf,
    /// Certificates that no longer serve the target: it takes one.
    pub displaced: Vec<CertificateArn>,
    /// The reload command failed: the files are in place and recorded.
    pub hook_failure: Option<Error>,
}

impl Deployed {
    pub fn files(&self) -> Vec<PathBuf> {
        layout::FILES.iter().map(|f| self.dest.join(f)).collect()
    }
}

/// The decision of `--dry-run`, with the rules it rests on.
pub struct DryRun {
    pub decision: Decision,
    pub rules_checked: Vec<Rule>,
}

fn endpoint(input: &Deploy) -> Result<EndpointType> {
    if input.endpoint_type.is_some() && !matches!(input.target.kind, TargetKind::ApiGatewayDomain { .. }) {
        return Err(Error::usage("--endpoint-type applies only to API Gateway custom domain names"));
    }
    Ok(input.endpoint_type.unwrap_or_default())
}

/// What ACM's rules say about the deployment, writing nothing.
pub fn dry_run(scope: &Scope, input: &Deploy) -> Result<DryRun> {
    let endpoint = endpoint(input)?;
    let rec = scope.read(|tx| certificate(tx, &input.arn))?;
    Ok(DryRun {
        decision: decide_deploy(&rec, &input.target, endpoint, scope.account(), scope.now),
        rules_checked: rules_checked(&input.target, endpoint),
    })
}

/// Where a deployment's files go: `--dest`, or a directory of its own
/// under the store's deployments directory. A `--dest` inside the store
/// (other than there) is refused: the store's files are its own.
fn destination(scope: &Scope, input: &Deploy) -> Result<PathBuf> {
    let Some(d) = &input.dest else { return Ok(scope.store.default_deployments_dir()?.join(input.target.slug())) };
    let dest = std::path::absolute(d).map_err(|e| Error::invalid(format!("--dest {}: {e}", d.display())))?;
    if !scope.store.contains(&dest) {
        return Ok(dest);
    }
    let defaults = scope.store.default_deployments_dir()?;
    // The deployments directory as the store's root has it, and `dest` as
    // its path leads: `STORE/deployments/../regions` or a link under
    // `deployments` into the store is not in it.
    let root = defaults.parent().map(fsx::resolve).unwrap_or_default();
    let in_deployments = fsx::resolve(&dest).starts_with(root.join(defaults.file_name().unwrap_or_default()));
    if !in_deployments {
        // Refused as an unsafe destination is (exit 5), as README says.
        return Err(Error::new(
            ErrorKind::Refused,
            format!(
                "--dest {} is inside the store {}; a deployment goes where a server reads it, outside the store",
                dest.display(),
                scope.store.location()
            ),
        ));
    }
    Ok(dest)
}

/// DeployCertificate, as acmctl has it: decides, writes the files,
/// records the target, then runs the reload command.
pub fn deploy(scope: &Scope, input: &Deploy) -> Result<Deployed> {
    let endpoint = endpoint(input)?;
    let account = scope.account();
    let rec = scope.read(|tx| certificate(tx, &input.arn))?;
    if let Decision::Refused(r) = decide_deploy(&rec, &input.target, endpoint, account, scope.now) {
        return Err(r.into());
    }
    let dest = destination(scope, input)?;
    let target = input.target.to_string();
    let host = scope.settings.host_id.as_str();
    let claim = layout::Claim {
        force: input.force,
        recorded: rec.deployments.iter().any(|d| d.target == target && d.dest == dest && d.belongs_to(host)),
    };
    // Its refusals say what would work (--force where it helps).
    layout::check(&dest, &target, claim)?;
    let (rec, displaced) = scope.write(|tx| {
        // Decided again in the transaction: another process may have changed the record.
        let mut rec = certificate(tx, &input.arn)?;
        if let Decision::Refused(r) = decide_deploy(&rec, &input.target, endpoint, account, scope.now) {
            return Err(r.into());
        }
        let material =
            tx.material(&rec)?.ok_or_else(|| Error::conflict(format!("{} has no certificate yet", rec.arn)))?;
        if material.private_key_pem.is_empty() {
            return Err(Error::failure(format!("the key of {} could not be read from the store", rec.arn)));
        }
        materialise(&material, &dest, &target, claim)?;
        let displaced = release_target(tx, &rec.arn, &target)?;
        // Other hosts' deployments of it to the same target stay: each
        // host serves the target with files of its own.
        rec.deployments.retain(|d| d.target != target || !d.belongs_to(host));
        rec.deployments.push(Deployment {
            target: target.clone(),
            dest: dest.clone(),
            exec: input.exec.clone(),
            endpoint_type: matches!(input.target.kind, TargetKind::ApiGatewayDomain { .. }).then_some(endpoint),
            deployed_at: scope.now,
            host: Some(host.to_string()),
            version: Some(rec.version),
        });
        tx.save_certificate(&rec)?;
        Ok((rec, displaced))
    })?;
    let hook_failure = match &input.exec {
        Some(cmd) => hook::run(&scope.settings.hooks, cmd, &rec.arn, &dest, &target).err(),
        None => None,
    };
    Ok(Deployed { arn: rec.arn, target, dest, displaced, hook_failure })
}

/// A target serves one certificate: deploying one there ends the
/// deployment of any other. Only certificates in use are read.
fn release_target(tx: &mut dyn RegionTx, arn: &CertificateArn, target: &str) -> Result<Vec<CertificateArn>> {
    let mut released = Vec::new();
    for s in tx.summaries()?.into_iter().filter(|s| s.in_use && s.arn != *arn) {
        let Some(mut other) = tx.certificate(&s.arn)? else { continue };
        if displaced(&other, target) {
            other.deployments.retain(|d| d.target != target);
            tx.save_certificate(&other)?;
            released.push(other.arn);
        }
    }
    Ok(released)
}

fn materialise_error(dest: &Path, err: Error) -> Error {
    Error::new(err.kind, format!("cannot write the deployment directory {}: {}", dest.display(), err.message))
}

/// Writes the material into `dest` as a new live version.
fn materialise(material: &Material, dest: &Path, target: &str, claim: layout::Claim) -> Result<PathBuf> {
    layout::write(dest, target, material, claim).map_err(|e| materialise_error(dest, e.into()))
}

/// Ends the deployment of a certificate to a target (the files stay for
/// the server that reads them). Returns the directory it was in.
pub fn remove(scope: &Scope, arn: &CertificateArn, target: &TargetArn) -> Result<PathBuf> {
    scope.read(|tx| certificate(tx, arn))?;
    let target = target.to_string();
    scope.write(|tx| {
        let mut rec = certificate(tx, arn)?;
        // This host's deployment to the target, else the only one there is.
        let host = scope.settings.host_id.as_str();
        let at_target = |d: &&Deployment| d.target == target;
        let found = rec.deployments.iter().filter(at_target).find(|d| d.belongs_to(host));
        let found = found.or_else(|| rec.deployments.iter().find(at_target));
        let Some(gone) = found.cloned() else {
            return Err(Error::not_found(format!("{} is not deployed to {target}", rec.arn))
                .with_hint("'acmctl cert describe ARN' lists the targets in InUseBy"));
        };
        rec.deployments.retain(|d| *d != gone);
        tx.save_certificate(&rec)?;
        Ok(gone.dest)
    })
}

/// What happened to one recorded deployment during a redeploy.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub target: String,
    pub dest: PathBuf,
    pub error: Option<String>,
}

/// A redeploy in two steps: the files of every deployment are rewritten in
/// the transaction that changes the certificate (`rewrite`), and the reload
/// commands run once it is over (`finish`), so that a slow or hanging
/// command never holds the store.
#[derive(Debug, Default)]
pub struct Redeploy {
    arn: Option<CertificateArn>,
    outcomes: Vec<Outcome>,
    /// (index into outcomes, command) of the hooks still to run.
    hooks: Vec<(usize, String)>,
}

impl Redeploy {
    /// Rewrites every deployment `host` made of `rec` from `material`
    /// (other hosts' files are theirs to rewrite, when their `renew` finds
    /// them stale). One failing deployment does not stop the others. The
    /// caller saves `rec` (its `deployed_at`s and versions).
    pub fn rewrite(rec: &mut CertificateRecord, material: &Material, now: OffsetDateTime, host: &str) -> Redeploy {
        Self::rewrite_where(rec, material, now, |d| d.belongs_to(host))
    }

    /// Rewrites the deployments of `rec` that `which` picks.
    pub fn rewrite_where(
        rec: &mut CertificateRecord,
        material: &Material,
        now: OffsetDateTime,
        which: impl Fn(&Deployment) -> bool,
    ) -> Redeploy {
        let mut out = Redeploy { arn: Some(rec.arn), ..Redeploy::default() };
        let version = rec.version;
        for d in rec.deployments.iter_mut().filter(|d| which(d)) {
            let claim = layout::Claim { force: false, recorded: true };
            let result = materialise(material, &d.dest, &d.target, claim);
            if result.is_ok() {
                d.deployed_at = now;
                d.version = Some(version);
                if let Some(cmd) = &d.exec {
                    out.hooks.push((out.outcomes.len(), cmd.clone()));
                }
            }
            out.outcomes.push(Outcome {
                target: d.target.clone(),
                dest: d.dest.clone(),
                error: result.err().map(|e| e.message),
            });
        }
        out
    }

    /// Runs the reload commands (outside any transaction) and returns what
    /// happened to each deployment.
    pub fn finish(self, settings: &HookSettings) -> Vec<Outcome> {
        let mut outcomes = self.outcomes;
        if let Some(arn) = self.arn {
            for (i, cmd) in self.hooks {
                let o = &mut outcomes[i];
                if let Err(e) = hook::run(settings, &cmd, &arn, &o.dest, &o.target) {
                    o.error = Some(e.message);
                }
            }
        }
        outcomes
    }
}
