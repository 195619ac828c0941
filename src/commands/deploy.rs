use std::path::PathBuf;

use serde_json::json;

use crate::context::Context;
use crate::deployment::{materialise, run_hook};
use crate::error::{Error, Result};
use crate::model::{CertificateArn, EndpointType, TargetArn, TargetKind};
use crate::output::Output;
use crate::output::table::fields;
use crate::policy::deploy::is_global;
use crate::policy::{Decision, Rule, decide_deploy};
use crate::store::deploy_dir;
use crate::store::records::Deployment;

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
/// The command runs with sh -c, with ACMCTL_CERTIFICATE_ARN, ACMCTL_DEPLOY_DIR and
/// ACMCTL_TARGET_ARN in its environment; if it fails, deploy exits 1.
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
    #[arg(long, conflicts_with_all = ["dest", "exec", "dry_run", "endpoint_type"])]
    pub remove: bool,
}

/// The rules that decide a deployment to `target`, in the order they apply.
fn rules_checked(target: &TargetArn, endpoint: EndpointType) -> Vec<Rule> {
    let mut rules = vec![Rule::NoEc2, Rule::IntegratedServicesOnly, Rule::TargetInAccount, Rule::IssuedOnly];
    rules.push(if is_global(target, endpoint) { Rule::GlobalTargetUsEast1 } else { Rule::TargetInRegion });
    rules
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    if args.remove {
        return remove(ctx, args);
    }
    if args.endpoint_type.is_some() && !matches!(args.target.kind, TargetKind::ApiGatewayDomain { .. }) {
        return Err(Error::usage("--endpoint-type applies only to API Gateway custom domain names"));
    }
    let endpoint = args.endpoint_type.unwrap_or_default();
    let rec = ctx.certificate(&args.arn)?;
    let account = ctx.store()?.account();
    let decision = decide_deploy(&rec, &args.target, endpoint, account, ctx.now);
    if args.dry_run {
        return dry_run(ctx, args, endpoint, decision);
    }
    if let Decision::Refused(r) = decision {
        return Err(r.into());
    }
    let dest = match &args.dest {
        Some(d) => std::path::absolute(d).map_err(|e| Error::invalid(format!("--dest {}: {e}", d.display())))?,
        None => ctx.store()?.deployments_dir().join(args.target.slug()),
    };
    let store = ctx.regional()?;
    let lock = store.lock()?;
    // Decided again under the lock: another process may have changed the record.
    let mut rec = ctx.certificate(&args.arn)?;
    if let Decision::Refused(r) = decide_deploy(&rec, &args.target, endpoint, account, ctx.now) {
        return Err(r.into());
    }
    let material =
        store.material(&rec)?.ok_or_else(|| Error::conflict(format!("{} has no certificate yet", rec.arn)))?;
    materialise(&material, &dest)?;
    // A target serves one certificate: deploying this one replaces another's.
    let target = args.target.to_string();
    for mut other in store.list_certificates()? {
        if other.arn != rec.arn && other.deployments.iter().any(|d| d.target == target) {
            other.deployments.retain(|d| d.target != target);
            store.save_certificate(&other)?;
            ctx.ui.status(&format!("{target} no longer uses {}", other.arn));
        }
    }
    rec.deployments.retain(|d| d.target != target);
    rec.deployments.push(Deployment {
        target: target.clone(),
        dest: dest.clone(),
        exec: args.exec.clone(),
        endpoint_type: matches!(args.target.kind, TargetKind::ApiGatewayDomain { .. }).then_some(endpoint),
        deployed_at: ctx.now,
    });
    store.save_certificate(&rec)?;
    drop(lock);
    ctx.ui.status(&format!("Deployed {} to {target} in {}", rec.arn, dest.display()));
    if let Some(cmd) = &args.exec {
        run_hook(cmd, &rec.arn, &dest, &target)?;
    }
    let files: Vec<String> = deploy_dir::FILES.iter().map(|f| dest.join(f).display().to_string()).collect();
    ctx.ui.emit(&Output::new(
        json!({
            "CertificateArn": rec.arn.to_string(),
            "Target": target,
            "Decision": "ALLOWED",
            "Directory": dest.display().to_string(),
            "Files": files,
        }),
        dest.display().to_string(),
    ));
    Ok(())
}

fn dry_run(ctx: &Context, args: &Args, endpoint: EndpointType, decision: Decision) -> Result<()> {
    let checked: Vec<&str> = rules_checked(&args.target, endpoint).iter().map(|r| r.id()).collect();
    let (json, text, err) = match decision {
        Decision::Allowed => (
            json!({"Decision": "ALLOWED", "CertificateArn": args.arn.to_string(), "Target": args.target.to_string(), "RulesChecked": checked}),
            fields(&[
                ("Decision", "ALLOWED".into()),
                ("Target", format!("{} ({})", args.target, args.target.service_name())),
                ("Rules checked", checked.join(", ")),
            ]),
            None,
        ),
        Decision::Refused(r) => (
            json!({
                "Decision": "REFUSED",
                "CertificateArn": args.arn.to_string(),
                "Target": args.target.to_string(),
                "Rule": r.rule.id(),
                "RuleDescription": r.rule.words(),
                "Reason": r.message,
                "Hint": r.hint,
            }),
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

fn remove(ctx: &Context, args: &Args) -> Result<()> {
    ctx.certificate(&args.arn)?;
    let store = ctx.regional()?;
    let _lock = store.lock()?;
    let mut rec = ctx.certificate(&args.arn)?;
    let target = args.target.to_string();
    let Some(gone) = rec.deployments.iter().find(|d| d.target == target).cloned() else {
        return Err(Error::not_found(format!("{} is not deployed to {target}", rec.arn))
            .with_hint("'acmctl cert describe ARN' lists the targets in InUseBy"));
    };
    rec.deployments.retain(|d| d.target != target);
    store.save_certificate(&rec)?;
    ctx.ui.status(&format!(
        "Removed the deployment of {} to {target}; the files in {} stay for the server that reads them",
        rec.arn,
        gone.dest.display()
    ));
    ctx.ui.emit(&Output::new(json!({"CertificateArn": rec.arn.to_string(), "Target": target, "Removed": true}), ""));
    Ok(())
}
