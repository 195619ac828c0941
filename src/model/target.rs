//! Deployment targets, named by their AWS ARNs. The service decides which
//! rules apply: regional targets take certificates of their own region,
//! global ones (CloudFront, edge-optimized API Gateway) only us-east-1.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::arn::{AccountId, ArnError, ArnParts};
use super::region::Region;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LoadBalancerType {
    Application,
    Network,
}

/// What a target ARN names.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TargetKind {
    LoadBalancer {
        lb_type: LoadBalancerType,
        name: String,
    },
    CloudFront {
        distribution: String,
    },
    ApiGatewayDomain {
        domain: String,
    },
    /// Recognised only to be refused: ACM certificates are not installed on instances.
    Ec2Instance {
        instance: String,
    },
    /// A well-formed ARN of a service ACM does not integrate with.
    Other {
        service: String,
    },
}

/// The API Gateway endpoint type a custom domain name is built with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, clap::ValueEnum, Serialize, Deserialize)]
pub enum EndpointType {
    #[default]
    #[value(name = "REGIONAL")]
    #[serde(rename = "REGIONAL")]
    Regional,
    #[value(name = "EDGE")]
    #[serde(rename = "EDGE")]
    Edge,
}

impl EndpointType {
    pub fn as_str(self) -> &'static str {
        match self {
            EndpointType::Regional => "REGIONAL",
            EndpointType::Edge => "EDGE",
        }
    }
}

impl fmt::Display for EndpointType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TargetArn {
    text: String,
    pub kind: TargetKind,
    /// None for global services (CloudFront).
    pub region: Option<Region>,
    /// None where the ARN has no account (API Gateway).
    pub account: Option<AccountId>,
}

impl TargetArn {
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The service in words, for sentences.
    pub fn service_name(&self) -> String {
        match &self.kind {
            TargetKind::LoadBalancer { lb_type: LoadBalancerType::Application, .. } => {
                "Application Load Balancer".into()
            }
            TargetKind::LoadBalancer { lb_type: LoadBalancerType::Network, .. } => "Network Load Balancer".into(),
            TargetKind::CloudFront { .. } => "CloudFront distribution".into(),
            TargetKind::ApiGatewayDomain { .. } => "API Gateway custom domain name".into(),
            TargetKind::Ec2Instance { .. } => "EC2 instance".into(),
            TargetKind::Other { service } => format!("{service} resource"),
        }
    }

    /// A name safe as one path component, for the default deployment directory.
    pub fn slug(&self) -> String {
        let raw = match &self.kind {
            TargetKind::LoadBalancer { name, .. } => {
                format!("elb-{}-{name}", self.region.map(|r| r.as_str()).unwrap_or(""))
            }
            TargetKind::CloudFront { distribution } => format!("cloudfront-{distribution}"),
            TargetKind::ApiGatewayDomain { domain } => {
                format!("apigateway-{}-{domain}", self.region.map(|r| r.as_str()).unwrap_or(""))
            }
            TargetKind::Ec2Instance { instance } => format!("ec2-{instance}"),
            TargetKind::Other { service } => service.clone(),
        };
        // The ARN's own text decides uniqueness (64 bits of its SHA-256: no
        // two targets anyone will deploy to share it); the readable part is
        // a prefix.
        let sha = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, self.text.as_bytes());
        let digest = u64::from_be_bytes(sha.as_ref()[..8].try_into().expect("a SHA-256 has 32 bytes"));
        let clean: String = raw
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_' { c } else { '-' })
            .take(80)
            .collect();
        format!("{}-{digest:016x}", clean.trim_start_matches('.'))
    }
}

fn bad(s: &str, what: &str) -> ArnError {
    ArnError(format!("'{s}' is not a valid {what} ARN"))
}

fn region_of(s: &str, parts: &ArnParts) -> Result<Region, ArnError> {
    parts.region.parse().map_err(|e| ArnError(format!("ARN '{s}': {e}")))
}

fn account_of(s: &str, parts: &ArnParts) -> Result<AccountId, ArnError> {
    parts.account.parse().map_err(|e| ArnError(format!("ARN '{s}': {e}")))
}

fn plain_id(x: &str) -> bool {
    !x.is_empty()
        && !x.starts_with('.')
        && x.len() <= 255
        && x.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

impl FromStr for TargetArn {
    type Err = ArnError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts = ArnParts::parse(s)?;
        let text = s.to_string();
        match parts.service {
            "elasticloadbalancing" => {
                let what = "load balancer (arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/app|net/NAME/ID)";
                let rest = parts.resource.strip_prefix("loadbalancer/").ok_or_else(|| bad(s, what))?;
                let fields: Vec<&str> = rest.split('/').collect();
                let [kind, name, id] = fields[..] else { return Err(bad(s, what)) };
                let lb_type = match kind {
                    "app" => LoadBalancerType::Application,
                    "net" => LoadBalancerType::Network,
                    _ => return Err(bad(s, what)),
                };
                if !plain_id(name) || !plain_id(id) {
                    return Err(bad(s, what));
                }
                Ok(TargetArn {
                    text,
                    kind: TargetKind::LoadBalancer { lb_type, name: name.into() },
                    region: Some(region_of(s, &parts)?),
                    account: Some(account_of(s, &parts)?),
                })
            }
            "cloudfront" => {
                let what = "CloudFront distribution (arn:aws:cloudfront::ACCOUNT:distribution/ID)";
                let id =
                    parts.resource.strip_prefix("distribution/").filter(|d| plain_id(d)).ok_or_else(|| bad(s, what))?;
                if !parts.region.is_empty() {
                    return Err(ArnError(format!("'{s}': CloudFront is global, and its ARNs have no region")));
                }
                Ok(TargetArn {
                    text,
                    kind: TargetKind::CloudFront { distribution: id.into() },
                    region: None,
                    account: Some(account_of(s, &parts)?),
                })
            }
            "apigateway" => {
                let what = "API Gateway custom domain name (arn:aws:apigateway:REGION::/domainnames/NAME)";
                let name =
                    parts.resource.strip_prefix("/domainnames/").filter(|d| plain_id(d)).ok_or_else(|| bad(s, what))?;
                if !parts.account.is_empty() {
                    return Err(bad(s, what));
                }
                Ok(TargetArn {
                    text,
                    kind: TargetKind::ApiGatewayDomain { domain: name.into() },
                    region: Some(region_of(s, &parts)?),
                    account: None,
                })
            }
            "ec2" if parts.resource.starts_with("instance/") => {
                let what = "EC2 instance (arn:aws:ec2:REGION:ACCOUNT:instance/i-ID)";
                let id = parts.resource["instance/".len()..].to_string();
                if !id.starts_with("i-") || !plain_id(&id) {
                    return Err(bad(s, what));
                }
                Ok(TargetArn {
                    text,
                    kind: TargetKind::Ec2Instance { instance: id },
                    region: Some(region_of(s, &parts)?),
                    account: Some(account_of(s, &parts)?),
                })
            }
            service => {
                let service_ok = !service.is_empty()
                    && service.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                if !service_ok || parts.resource.is_empty() {
                    return Err(ArnError(format!(
                        "'{s}' is not an ARN (expected arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE)"
                    )));
                }
                let region = if parts.region.is_empty() { None } else { Some(region_of(s, &parts)?) };
                let account = if parts.account.is_empty() { None } else { Some(account_of(s, &parts)?) };
                Ok(TargetArn { text, kind: TargetKind::Other { service: service.into() }, region, account })
            }
        }
    }
}

impl fmt::Display for TargetArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for TargetArn {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for TargetArn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrated_services_parse() {
        let t: TargetArn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"
            .parse()
            .unwrap();
        assert!(matches!(t.kind, TargetKind::LoadBalancer { lb_type: LoadBalancerType::Application, .. }));
        assert_eq!(t.region.unwrap().as_str(), "eu-west-1");
        let t: TargetArn =
            "arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/net/tcp/1".parse().unwrap();
        assert!(matches!(t.kind, TargetKind::LoadBalancer { lb_type: LoadBalancerType::Network, .. }));
        let t: TargetArn = "arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL".parse().unwrap();
        assert_eq!(t.region, None);
        assert_eq!(t.account.unwrap().to_string(), "123456789012");
        let t: TargetArn = "arn:aws:apigateway:eu-west-2::/domainnames/api.example.com".parse().unwrap();
        assert!(matches!(t.kind, TargetKind::ApiGatewayDomain { .. }));
        assert_eq!(t.account, None);
        let t: TargetArn = "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc123".parse().unwrap();
        assert!(matches!(t.kind, TargetKind::Ec2Instance { .. }));
        let t: TargetArn = "arn:aws:s3:::my-bucket".parse().unwrap();
        assert_eq!(t.kind, TargetKind::Other { service: "s3".into() });
        assert_eq!(t.to_string(), "arn:aws:s3:::my-bucket");
    }

    #[test]
    fn malformed_targets_are_refused() {
        for bad in [
            "",
            "web-lb",
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/gwy/x/1",
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web",
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/../1",
            "arn:aws:elasticloadbalancing:mars-1:123456789012:loadbalancer/app/web/1",
            "arn:aws:elasticloadbalancing:eu-west-1:12:loadbalancer/app/web/1",
            "arn:aws:cloudfront:us-east-1:123456789012:distribution/E1",
            "arn:aws:cloudfront::123456789012:distribution/",
            "arn:aws:apigateway:eu-west-1:123456789012:/domainnames/x.com",
            "arn:aws:apigateway:eu-west-1::/restapis/abc",
            "arn:aws:ec2:eu-west-1:123456789012:instance/web",
            "arn:aws::eu-west-1:123456789012:thing",
            "arn:aws:s3:::",
        ] {
            assert!(bad.parse::<TargetArn>().is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn slugs_are_one_safe_path_component_and_differ_per_target() {
        let a: TargetArn =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/1".parse().unwrap();
        let b: TargetArn =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/2".parse().unwrap();
        assert_ne!(a.slug(), b.slug());
        let c: TargetArn = "arn:aws:apigateway:eu-west-1::/domainnames/api.example.com".parse().unwrap();
        for s in [a.slug(), b.slug(), c.slug()] {
            assert!(!s.contains('/') && !s.starts_with('.'), "{s}");
        }
    }
}
