//! `cert tags` and `ca tags`: add, remove and list the tags of a
//! certificate or an authority.

use std::str::FromStr;

use clap::Subcommand;

use crate::commands::Context;
use crate::error::Result;
use crate::model::{AuthorityArn, CertificateArn, Tag};
use crate::ops::tags::{self, Tagged};
use crate::output::Output;
use crate::output::acm::TagsResponse;
use crate::output::table::table;
use crate::policy::tags::TagMatch;

/// `KEY` (any value) or `KEY=VALUE` (only that value), for removal.
#[derive(Clone, Debug)]
pub struct TagToRemove(pub TagMatch);

impl FromStr for TagToRemove {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let (key, value) = match s.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (s, None),
        };
        // Checked as a tag would be, so that the message names what is wrong.
        Tag::new(key, value.unwrap_or_default())?;
        Ok(TagToRemove(TagMatch { key: key.to_string(), value: value.map(str::to_string) }))
    }
}

/// Add tags to a certificate (AddTagsToCertificate)
///
/// A key already on the certificate takes the new value. A certificate carries
/// at most 50 tags; keys are 1 to 128 characters, values at most 256, of
/// letters, digits, spaces and _ . : / = + - @, and keys do not start with aws:.
///
/// Example:
///   acmctl cert tags add CERT_ARN --tags team=web env=prod
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct CertAdd {
    /// ARN of the certificate
    #[arg(value_name = "ARN", add = crate::commands::completions::certificate_arns())]
    pub arn: CertificateArn,
    /// Tags as KEY=VALUE
    #[arg(long, value_name = "K=V", num_args = 1.., required = true)]
    pub tags: Vec<Tag>,
}

/// Remove tags from a certificate (RemoveTagsFromCertificate)
///
/// KEY removes the tag whatever its value; KEY=VALUE only when its value is VALUE.
///
/// Example:
///   acmctl cert tags remove CERT_ARN --tags team env=prod
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct CertRemove {
    /// ARN of the certificate
    #[arg(value_name = "ARN", add = crate::commands::completions::certificate_arns())]
    pub arn: CertificateArn,
    /// Tags as KEY or KEY=VALUE
    #[arg(long, value_name = "K[=V]", num_args = 1.., required = true)]
    pub tags: Vec<TagToRemove>,
}

/// List a certificate's tags (ListTagsForCertificate)
///
/// Example:
///   acmctl cert tags list CERT_ARN --output json | jq -r '.Tags[] | "\(.Key)=\(.Value)"'
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct CertList {
    /// ARN of the certificate
    #[arg(value_name = "ARN", add = crate::commands::completions::certificate_arns())]
    pub arn: CertificateArn,
}

#[derive(Subcommand, Debug)]
#[command(defer = true)]
pub enum CertTags {
    #[command(about = "Add tags to a certificate (AddTagsToCertificate)")]
    Add(CertAdd),
    #[command(about = "Remove tags from a certificate (RemoveTagsFromCertificate)")]
    Remove(CertRemove),
    #[command(about = "List a certificate's tags (ListTagsForCertificate)")]
    List(CertList),
}

/// Add tags to a certificate authority (TagCertificateAuthority)
///
/// A key already on the authority takes the new value; at most 50 tags.
///
/// Example:
///   acmctl ca tags add CA_ARN --tags team=pki
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct CaAdd {
    /// ARN of the authority
    #[arg(value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub arn: AuthorityArn,
    /// Tags as KEY=VALUE
    #[arg(long, value_name = "K=V", num_args = 1.., required = true)]
    pub tags: Vec<Tag>,
}

/// Remove tags from a certificate authority (UntagCertificateAuthority)
///
/// KEY removes the tag whatever its value; KEY=VALUE only when its value is VALUE.
///
/// Example:
///   acmctl ca tags remove CA_ARN --tags team
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct CaRemove {
    /// ARN of the authority
    #[arg(value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub arn: AuthorityArn,
    /// Tags as KEY or KEY=VALUE
    #[arg(long, value_name = "K[=V]", num_args = 1.., required = true)]
    pub tags: Vec<TagToRemove>,
}

/// List a certificate authority's tags (ListTags)
///
/// Example:
///   acmctl ca tags list CA_ARN
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct CaList {
    /// ARN of the authority
    #[arg(value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub arn: AuthorityArn,
}

#[derive(Subcommand, Debug)]
#[command(defer = true)]
pub enum CaTags {
    #[command(about = "Add tags to a certificate authority (TagCertificateAuthority)")]
    Add(CaAdd),
    #[command(about = "Remove tags from a certificate authority (UntagCertificateAuthority)")]
    Remove(CaRemove),
    #[command(about = "List a certificate authority's tags (ListTags)")]
    List(CaList),
}

fn matches(tags: &[TagToRemove]) -> Vec<TagMatch> {
    tags.iter().map(|t| t.0.clone()).collect()
}

pub fn run_cert(ctx: &Context, command: &CertTags) -> Result<()> {
    let scope = ctx.scope()?;
    let tags = match command {
        CertTags::Add(a) => tags::add(&scope, Tagged::Certificate(a.arn), &a.tags)?,
        CertTags::Remove(a) => tags::remove(&scope, Tagged::Certificate(a.arn), &matches(&a.tags))?,
        CertTags::List(a) => tags::list(&scope, Tagged::Certificate(a.arn))?,
    };
    show(ctx, &tags);
    Ok(())
}

pub fn run_ca(ctx: &Context, command: &CaTags) -> Result<()> {
    let scope = ctx.scope()?;
    let tags = match command {
        CaTags::Add(a) => tags::add(&scope, Tagged::Authority(a.arn), &a.tags)?,
        CaTags::Remove(a) => tags::remove(&scope, Tagged::Authority(a.arn), &matches(&a.tags))?,
        CaTags::List(a) => tags::list(&scope, Tagged::Authority(a.arn))?,
    };
    show(ctx, &tags);
    Ok(())
}

/// The tags the resource has now, as ListTagsForCertificate returns them.
fn show(ctx: &Context, tags: &[Tag]) {
    let rows: Vec<Vec<String>> = tags.iter().map(|t| vec![t.key.clone(), t.value.clone()]).collect();
    let text = if rows.is_empty() { String::new() } else { table(&["KEY", "VALUE"], &rows) };
    if rows.is_empty() {
        ctx.ui.status("No tags.");
    }
    ctx.ui.emit(&Output::new(TagsResponse { tags }, text));
}
