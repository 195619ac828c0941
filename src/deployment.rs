//! Putting a certificate where a server reads it, and telling the server:
//! shared by `deploy`, renewal and re-import.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::model::CertificateArn;
use crate::store::RegionStore;
use crate::store::deploy_dir;
use crate::store::records::{CertificateRecord, Deployment, Material};

/// Writes the material into `dest` as a new live version.
pub fn materialise(material: &Material, dest: &Path) -> Result<PathBuf> {
    deploy_dir::write(dest, material).map_err(|e| {
        let err: Error = e.into();
        Error::new(err.kind, format!("cannot write the deployment directory {}: {}", dest.display(), err.message))
    })
}

/// Runs a deployment's reload command with `sh -c`. Its output goes to
/// stderr, so that stdout stays the command's result.
pub fn run_hook(cmd: &str, arn: &CertificateArn, dest: &Path, target: &str) -> Result<()> {
    let status = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .env("ACMCTL_CERTIFICATE_ARN", arn.to_string())
        .env("ACMCTL_DEPLOY_DIR", dest)
        .env("ACMCTL_TARGET_ARN", target)
        .stdin(Stdio::null())
        .stdout(std::io::stderr())
        .status()
        .map_err(|e| Error::failure(format!("cannot run the reload command '{cmd}' for {target}: {e}")))?;
    if !status.success() {
        let how = match status.code() {
            Some(c) => format!("exit status {c}"),
            None => "a signal".to_string(),
        };
        return Err(Error::failure(format!(
            "the files of {arn} are in {} and recorded, but the reload command '{cmd}' for {target} failed with {how}",
            dest.display()
        ))
        .with_hint("fix the command and deploy again; the server may still serve the previous certificate"));
    }
    Ok(())
}

/// What happened to one recorded deployment during a redeploy.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub target: String,
    pub dest: PathBuf,
    pub error: Option<String>,
}

/// Rewrites every recorded deployment of `rec` from its current material
/// and re-runs the hooks. One failing deployment does not stop the others.
/// The caller holds the region lock and saves `rec` (its `deployed_at`s).
pub fn redeploy_all(store: &RegionStore, rec: &mut CertificateRecord, now: OffsetDateTime) -> Result<Vec<Outcome>> {
    if rec.deployments.is_empty() {
        return Ok(Vec::new());
    }
    let material =
        store.material(rec)?.ok_or_else(|| Error::failure(format!("{} has no certificate to deploy", rec.arn)))?;
    let arn = rec.arn;
    let mut outcomes = Vec::new();
    for d in &mut rec.deployments {
        let result = redeploy_one(&material, &arn, d);
        if result.is_ok() {
            d.deployed_at = now;
        }
        outcomes.push(Outcome {
            target: d.target.clone(),
            dest: d.dest.clone(),
            error: result.err().map(|e| e.message),
        });
    }
    Ok(outcomes)
}

fn redeploy_one(material: &Material, arn: &CertificateArn, d: &Deployment) -> Result<()> {
    materialise(material, &d.dest)?;
    if let Some(cmd) = &d.exec {
        run_hook(cmd, arn, &d.dest, &d.target)?;
    }
    Ok(())
}
