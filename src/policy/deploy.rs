//! Which certificate may be deployed to which target: ACM's integrated
//! services, their regions and the store's account.

use time::OffsetDateTime;

use super::{Refusal, Rule, effective_status};
use crate::model::region::GLOBAL_SERVICES_REGION;
use crate::model::{
    AccountId, CertificateRecord, CertificateStatus, CertificateType, EndpointType, TargetArn, TargetKind,
};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Allowed,
    Refused(Refusal),
}

/// Decides whether `rec` may be deployed to `target` in a store of
/// `account` at `now`. `endpoint` matters only for API Gateway.
pub fn decide_deploy(
    rec: &CertificateRecord,
    target: &TargetArn,
    endpoint: EndpointType,
    account: AccountId,
    now: OffsetDateTime,
) -> Decision {
    match check(rec, target, endpoint, account, now) {
        Ok(()) => Decision::Allowed,
        Err(r) => Decision::Refused(r),
    }
}

/// Whether the target is one of the global services that take only
/// certificates from us-east-1.
pub fn is_global(target: &TargetArn, endpoint: EndpointType) -> bool {
    match target.kind {
        TargetKind::CloudFront { .. } => true,
        TargetKind::ApiGatewayDomain { .. } => endpoint == EndpointType::Edge,
        _ => false,
    }
}

/// The rules that decide a deployment to `target`, in the order `check`
/// applies them (for `--dry-run`).
pub fn rules_checked(target: &TargetArn, endpoint: EndpointType) -> Vec<Rule> {
    let mut rules = vec![Rule::NoEc2, Rule::IntegratedServicesOnly, Rule::TargetInAccount, Rule::IssuedOnly];
    rules.push(if is_global(target, endpoint) { Rule::GlobalTargetUsEast1 } else { Rule::TargetInRegion });
    rules
}

/// A target serves one certificate: deploying a certificate to `target`
/// ends the deployment of `other` to it, if it had one.
pub fn displaced(other: &CertificateRecord, target: &str) -> bool {
    other.deployments.iter().any(|d| d.target == target)
}

fn refuse(rule: Rule, message: String, hint: impl Into<String>) -> Result<(), Refusal> {
    Err(Refusal { rule, message, hint: hint.into() })
}

fn check(
    rec: &CertificateRecord,
    target: &TargetArn,
    endpoint: EndpointType,
    account: AccountId,
    now: OffsetDateTime,
) -> Result<(), Refusal> {
    match &target.kind {
        TargetKind::Ec2Instance { instance } => {
            let mut hint = format!(
                "put an Application Load Balancer or a CloudFront distribution in front of {instance} and deploy to that"
            );
            if rec.cert_type == CertificateType::Private {
                hint.push_str(&format!(
                    ", or, since {} is a private certificate, export it with 'acmctl cert export ARN --passphrase-file F' and install it on the instance yourself",
                    rec.arn
                ));
            }
            return refuse(
                Rule::NoEc2,
                format!("{target} is an EC2 instance, and ACM certificates cannot be installed on an instance"),
                hint,
            );
        }
        TargetKind::Other { service } => {
            return refuse(
                Rule::IntegratedServicesOnly,
                format!("{target} is a {service} resource, which is not an ACM-integrated service"),
                "deploy to an Application or Network Load Balancer, a CloudFront distribution or an API Gateway custom domain name",
            );
        }
        _ => {}
    }
    if let Some(owner) = target.account.filter(|a| *a != account) {
        return refuse(
            Rule::TargetInAccount,
            format!("{target} belongs to account {owner}, and this store and its certificates are account {account}"),
            "deploy to a resource of this account, or use the store of the target's account",
        );
    }
    let status = effective_status(rec, now);
    if status != CertificateStatus::Issued {
        return refuse(
            Rule::IssuedOnly,
            format!("{} is {status}; only an ISSUED certificate can be deployed", rec.arn),
            match status {
                CertificateStatus::Expired => "renew it with 'acmctl renew ARN' or request a new certificate",
                CertificateStatus::PendingValidation => "validate it first with 'acmctl cert validate ARN'",
                _ => "request a new certificate and deploy that",
            },
        );
    }
    let cert_region = rec.arn.region();
    if is_global(target, endpoint) {
        if cert_region != GLOBAL_SERVICES_REGION {
            return refuse(
                Rule::GlobalTargetUsEast1,
                format!(
                    "{target} is a {}{}, which is global and takes only certificates in {GLOBAL_SERVICES_REGION}, and {} is in {cert_region}",
                    target.service_name(),
                    if matches!(target.kind, TargetKind::ApiGatewayDomain { .. }) { " (edge-optimized)" } else { "" },
                    rec.arn
                ),
                format!(
                    "request or import the certificate in {GLOBAL_SERVICES_REGION} (--region {GLOBAL_SERVICES_REGION}) and deploy that one"
                ),
            );
        }
        return Ok(());
    }
    let target_region = target.region.expect("regional targets carry a region");
    if target_region != cert_region {
        return refuse(
            Rule::TargetInRegion,
            format!(
                "{target} is a {} in {target_region}, and {} is in {cert_region}; a regional service takes only certificates of its own region",
                target.service_name(),
                rec.arn
            ),
            format!(
                "request or import a certificate in {target_region} (--region {target_region}) and deploy that one"
            ),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CertificateArn, KeyAlgorithm};
    use time::Duration;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2027-01-01 00:00 UTC);
    const ACCOUNT: &str = "123456789012";

    fn cert(region: &str, cert_type: CertificateType, status: CertificateStatus) -> CertificateRecord {
        let mut rec = super::super::tests::record(cert_type, status);
        rec.arn = CertificateArn::new(region.parse().unwrap(), ACCOUNT.parse().unwrap());
        rec.key_algorithm = KeyAlgorithm::EcPrime256v1;
        rec
    }

    fn issued(region: &str) -> CertificateRecord {
        cert(region, CertificateType::Private, CertificateStatus::Issued)
    }

    const ALB_EU: &str = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188";
    const NLB_US: &str = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/tcp/1";
    const ALB_OTHER_ACCOUNT: &str = "arn:aws:elasticloadbalancing:eu-west-1:210987654321:loadbalancer/app/web/1";
    const CF: &str = "arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL";
    const CF_OTHER_ACCOUNT: &str = "arn:aws:cloudfront::210987654321:distribution/E2QWRUHAPOMQZL";
    const APIGW_EU: &str = "arn:aws:apigateway:eu-west-1::/domainnames/api.example.com";
    const APIGW_US: &str = "arn:aws:apigateway:us-east-1::/domainnames/api.example.com";
    const EC2: &str = "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc1234567890def";
    const S3: &str = "arn:aws:s3:::my-bucket";
    const LAMBDA: &str = "arn:aws:lambda:eu-west-1:123456789012:function:web";

    fn decide(rec: &CertificateRecord, target: &str, endpoint: EndpointType) -> Option<Rule> {
        let target: TargetArn = target.parse().unwrap();
        match decide_deploy(rec, &target, endpoint, ACCOUNT.parse().unwrap(), NOW) {
            Decision::Allowed => None,
            Decision::Refused(r) => {
                assert!(!r.message.is_empty() && !r.hint.is_empty());
                // --dry-run lists every rule that can refuse.
                assert!(rules_checked(&target, endpoint).contains(&r.rule), "{:?} for {target}", r.rule);
                Some(r.rule)
            }
        }
    }

    #[test]
    fn policy_table() {
        use EndpointType::{Edge, Regional};
        let mut expired = issued("eu-west-1");
        expired.not_after = Some(NOW - Duration::days(1));
        let imported_eu = cert("eu-west-1", CertificateType::Imported, CertificateStatus::Issued);
        let public_us = cert("us-east-1", CertificateType::AmazonIssued, CertificateStatus::Issued);
        let cases: Vec<(&str, CertificateRecord, &str, EndpointType, Option<Rule>)> = vec![
            ("ALB same region", issued("eu-west-1"), ALB_EU, Regional, None),
            ("NLB same region", issued("us-east-1"), NLB_US, Regional, None),
            ("ALB other region", issued("us-east-1"), ALB_EU, Regional, Some(Rule::TargetInRegion)),
            ("NLB other region", issued("eu-west-1"), NLB_US, Regional, Some(Rule::TargetInRegion)),
            ("ALB other account", issued("eu-west-1"), ALB_OTHER_ACCOUNT, Regional, Some(Rule::TargetInAccount)),
            ("CloudFront us-east-1", issued("us-east-1"), CF, Regional, None),
            ("CloudFront public us-east-1", public_us.clone(), CF, Regional, None),
            ("CloudFront eu-west-1", issued("eu-west-1"), CF, Regional, Some(Rule::GlobalTargetUsEast1)),
            ("CloudFront other account", issued("us-east-1"), CF_OTHER_ACCOUNT, Regional, Some(Rule::TargetInAccount)),
            ("API GW regional same region", issued("eu-west-1"), APIGW_EU, Regional, None),
            ("API GW regional other region", issued("us-east-1"), APIGW_EU, Regional, Some(Rule::TargetInRegion)),
            ("API GW edge us-east-1 cert", issued("us-east-1"), APIGW_EU, Edge, None),
            ("API GW edge eu-west-1 cert", issued("eu-west-1"), APIGW_EU, Edge, Some(Rule::GlobalTargetUsEast1)),
            ("API GW edge in us-east-1", issued("us-east-1"), APIGW_US, Edge, None),
            ("EC2 private", issued("eu-west-1"), EC2, Regional, Some(Rule::NoEc2)),
            ("EC2 public", public_us, EC2, Regional, Some(Rule::NoEc2)),
            ("S3", issued("eu-west-1"), S3, Regional, Some(Rule::IntegratedServicesOnly)),
            ("Lambda", issued("eu-west-1"), LAMBDA, Regional, Some(Rule::IntegratedServicesOnly)),
            ("expired", expired, ALB_EU, Regional, Some(Rule::IssuedOnly)),
            (
                "revoked",
                cert("eu-west-1", CertificateType::Private, CertificateStatus::Revoked),
                ALB_EU,
                Regional,
                Some(Rule::IssuedOnly),
            ),
            (
                "pending",
                cert("eu-west-1", CertificateType::AmazonIssued, CertificateStatus::PendingValidation),
                ALB_EU,
                Regional,
                Some(Rule::IssuedOnly),
            ),
            (
                "failed",
                cert("eu-west-1", CertificateType::AmazonIssued, CertificateStatus::Failed),
                ALB_EU,
                Regional,
                Some(Rule::IssuedOnly),
            ),
            ("imported same region", imported_eu, ALB_EU, Regional, None),
            // EC2 is named before any other problem: the service is the first thing to fix.
            (
                "EC2 with expired cert",
                cert("us-east-1", CertificateType::Private, CertificateStatus::Revoked),
                EC2,
                Regional,
                Some(Rule::NoEc2),
            ),
        ];
        assert!(cases.len() >= 15);
        for (name, rec, target, endpoint, want) in cases {
            assert_eq!(decide(&rec, target, endpoint), want, "{name}");
        }
    }

    #[test]
    fn ec2_hint_offers_export_only_for_private_certificates() {
        let account = ACCOUNT.parse().unwrap();
        let Decision::Refused(r) =
            decide_deploy(&issued("eu-west-1"), &EC2.parse().unwrap(), EndpointType::Regional, account, NOW)
        else {
            panic!()
        };
        assert!(
            r.hint.contains("Load Balancer") && r.hint.contains("CloudFront") && r.hint.contains("export"),
            "{}",
            r.hint
        );
        let public = cert("eu-west-1", CertificateType::AmazonIssued, CertificateStatus::Issued);
        let Decision::Refused(r) = decide_deploy(&public, &EC2.parse().unwrap(), EndpointType::Regional, account, NOW)
        else {
            panic!()
        };
        assert!(!r.hint.contains("export"), "{}", r.hint);
    }

    #[test]
    fn refusals_name_both_regions() {
        let Decision::Refused(r) = decide_deploy(
            &issued("us-east-1"),
            &ALB_EU.parse().unwrap(),
            EndpointType::Regional,
            ACCOUNT.parse().unwrap(),
            NOW,
        ) else {
            panic!()
        };
        assert!(r.message.contains("eu-west-1") && r.message.contains("us-east-1"), "{}", r.message);
        assert!(r.hint.contains("--region eu-west-1"), "{}", r.hint);
    }
}
