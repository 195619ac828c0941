use std::path::PathBuf;

use serde::Serialize;

use crate::commands::Context;
use crate::error::{Error, Result};
use crate::model::{CertificateArn, EndpointType, TargetArn};
use crate::ops::deploy::{self, Deploy, DryRun};
use crate::output::Output;
use crate::output::table::fields;
use crate::policy::Decision;

/// Deploy a certificate to an ACM-integrated service
///
/// The target is named by its AWS ARN. ACM installs certificates only on the
/// services integrated with it:
///   Application and Network Load Balancers
///       arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/app|net/NAME/ID
///   CloudFront distributions (global: certificates from us-east-1 only)
///       arn:aws:cloudfront::ACCOUNT:distribution/ID
///   API Gateway custom domain names (edge-optimized: us-east-1 only)
///       arn:aws:apigateway:REGION::/domainnames/NAME
///
/// An EC2 instance (arn:aws:ec2:REGION:ACCOUNT:instance/i-...) is never a
/// target: ACM cannot install a certificate on an instance. Put a load balancer
/// or CloudFront in front of it, or export a private certificate and install it
/// yourself. A regional target takes only a certificate of its own region, the
/// certificate must be ISSUED, and the target must belong to the store's account.
/// A refusal names its rule and exits 5 without writing anything.
///
/// The certificate, chain and key are written to DIR as cert.pem, chain.pem,
/// fullchain.pem and privkey.pem (0600): each a link through DIR/live to a
/// complete version under DIR/.versions, switched in one atomic rename. A
/// server that resolves DIR/live once per reload never pairs a new certificate
/// with an old key, and the command runs only after the switch. The previous
/// version is kept; older ones are removed. The certificate lists the target
/// in InUseBy and becomes ELIGIBLE for managed renewal, which redeploys it and
/// runs the command again.
///
/// DIR is the user's: acmctl writes into a directory it made or an empty one
/// (--force: one holding other files, which it leaves alone), never replaces a
/// file it did not make, and removes only versions it wrote. A directory
/// another user owns, others can write, inside the store, or serving another
/// target is refused (exit 5).
///
/// The command runs with sh -c once the store is unlocked, in a process group
/// of its own, with only PATH, HOME, USER, LOGNAME, SHELL, LANG, LC_*, TZ and
/// TMPDIR of acmctl's environment plus ACMCTL_CERTIFICATE_ARN, ACMCTL_DEPLOY_DIR
/// and ACMCTL_TARGET_ARN (never a passphrase). If it fails, or runs longer than
/// ACMCTL_HOOK_TIMEOUT seconds (default 120; its group is then killed), deploy
/// exits 1.
///
/// Examples:
///   acmctl deploy CERT_ARN \
///       --target arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/1 \
///       --dest /etc/nginx/tls --exec 'nginx -s reload'
///   acmctl deploy CERT_ARN --dry-run \
///       --target arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL
///   acmctl deploy CERT_ARN --target TARGET_ARN --remove
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the certificate
    #[arg(value_name = "ARN", add = crate::commands::completions::certificate_arns())]
    pub arn: CertificateArn,
    /// ARN of the load balancer, CloudFront distribution or API Gateway domain name
    #[arg(long, value_name = "TARGET_ARN")]
    pub target: TargetArn,
    /// Directory the server reads [default: STORE/deployments/<target>]
    #[arg(long, value_name = "DIR")]
    pub dest: Option<PathBuf>,
    /// Command that reloads the server, run with sh -c after the files are in place
    #[arg(long, value_name = "CMD")]
    pub exec: Option<String>,
    /// API Gateway endpoint type of the domain name: REGIONAL or EDGE [default: REGIONAL]
    #[arg(long, value_name = "TYPE", value_enum)]
    pub endpoint_type: Option<EndpointType>,
    /// Print the decision and the rules checked; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Remove the deployment of the certificate to the target (the files stay for the server)
    #[arg(long, conflicts_with_all = ["dest", "exec", "dry_run", "endpoint_type", "force"])]
    pub remove: bool,
    /// Write into a --dest directory that already holds files acmctl did not make (never replacing them)
    #[arg(long)]
    pub force: bool,
}

impl Args {
    fn input(&self) -> Deploy {
        Deploy {
            arn: self.arn,
            target: self.target.clone(),
            dest: self.dest.clone(),
            exec: self.exec.clone(),
            endpoint_type: self.endpoint_type,
            force: self.force,
        }
    }
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let scope = ctx.scope()?;
    if args.remove {
        let dest = deploy::remove(&scope, &args.arn, &args.target)?;
        ctx.ui.status(&format!(
            "Removed the deployment of {} to {}; the files in {} stay for the server that reads them",
            args.arn,
            args.target,
            dest.display()
        ));
        ctx.ui.emit(&Output::new(
            Removed { certificate_arn: args.arn.to_string(), removed: true, target: args.target.to_string() },
            "",
        ));
        return Ok(());
    }
    if args.dry_run {
        return dry_run(ctx, args, deploy::dry_run(&scope, &args.input())?);
    }
    let done = deploy::deploy(&scope, &args.input())?;
    for other in &done.displaced {
        ctx.ui.status(&format!("{} no longer uses {other}", done.target));
    }
    ctx.ui.status(&format!("Deployed {} to {} in {}", done.arn, done.target, done.dest.display()));
    if let Some(e) = done.hook_failure {
        return Err(e);
    }
    let files: Vec<String> = done.files().iter().map(|f| f.display().to_string()).collect();
    ctx.ui.emit(&Output::new(
        Deployment {
            certificate_arn: done.arn.to_string(),
            decision: "ALLOWED",
            directory: done.dest.display().to_string(),
            files,
            target: &done.target,
        },
        done.dest.display().to_string(),
    ));
    Ok(())
}

/// `deploy --remove`'s result.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Removed {
    certificate_arn: String,
    removed: bool,
    target: String,
}

/// A deployment's result: where its files are. Members in the byte order
/// of their names, as output::acm's shapes.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Deployment<'a> {
    certificate_arn: String,
    decision: &'static str,
    directory: String,
    files: Vec<String>,
    target: &'a str,
}

/// `deploy --dry-run`'s decision: the rules checked when allowed, the rule
/// and why when refused.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DryRunShape<'a> {
    certificate_arn: String,
    decision: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_description: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rules_checked: Option<Vec<&'a str>>,
    target: String,
}

impl DryRunShape<'_> {
    fn new(args: &Args, decision: &'static str) -> Self {
        DryRunShape {
            certificate_arn: args.arn.to_string(),
            decision,
            hint: None,
            reason: None,
            rule: None,
            rule_description: None,
            rules_checked: None,
            target: args.target.to_string(),
        }
    }
}

fn dry_run(ctx: &Context, args: &Args, dry: DryRun) -> Result<()> {
    let checked: Vec<&str> = dry.rules_checked.iter().map(|r| r.id()).collect();
    let (json, text, err) = match dry.decision {
        Decision::Allowed => (
            DryRunShape { rules_checked: Some(checked.clone()), ..DryRunShape::new(args, "ALLOWED") },
            fields(&[
                ("Decision", "ALLOWED".into()),
                ("Target", format!("{} ({})", args.target, args.target.service_name())),
                ("Rules checked", checked.join(", ")),
            ]),
            None,
        ),
        Decision::Refused(r) => (
            DryRunShape {
                hint: Some(r.hint.clone()),
                reason: Some(r.message.clone()),
                rule: Some(r.rule.id()),
                rule_description: Some(r.rule.words()),
                ..DryRunShape::new(args, "REFUSED")
            },
            fields(&[
                ("Decision", "REFUSED".into()),
                ("Rule", format!("{} ({})", r.rule.id(), r.rule.words())),
                ("Reason", r.message.clone()),
                ("Hint", r.hint.clone()),
            ]),
            Some(r),
        ),
    };
    ctx.ui.emit(&Output::new(json, text));
    match err {
        // The decision is the result; the exit code still says it was a refusal.
        Some(r) => Err(Error::from(r)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::printed_in_order;

    #[test]
    fn the_results_print_their_members_in_order() {
        let arn = "arn:aws:acm:us-east-1:123456789012:certificate/1".to_string();
        let target = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/1".to_string();
        let refused = DryRunShape {
            certificate_arn: arn.clone(),
            decision: "REFUSED",
            hint: Some("deploy to a load balancer".into()),
            reason: Some("EC2 is not integrated with ACM".into()),
            rule: Some("no-ec2"),
            rule_description: Some("EC2 instances take no ACM certificate"),
            rules_checked: Some(vec!["no-ec2"]),
            target: target.clone(),
        };
        assert_eq!(printed_in_order(&refused).as_object().unwrap().len(), 8);
        let deployed = Deployment {
            certificate_arn: arn.clone(),
            decision: "ALLOWED",
            directory: "/srv/tls".into(),
            files: vec!["/srv/tls/cert.pem".into()],
            target: &target,
        };
        assert_eq!(printed_in_order(&deployed).as_object().unwrap().len(), 5);
        let removed = Removed { certificate_arn: arn, removed: true, target };
        assert_eq!(printed_in_order(&removed)["Removed"], true);
    }
}
