//! Tags of certificates (AddTagsToCertificate, RemoveTagsFromCertificate,
//! ListTagsForCertificate) and of authorities (TagCertificateAuthority,
//! UntagCertificateAuthority, ListTags).

use super::{Scope, authority, certificate};
use crate::error::Result;
use crate::model::{AuthorityArn, CertificateArn, Tag};
use crate::policy::Rule;
use crate::policy::tags::{self, TagMatch};

/// What carries the tags.
#[derive(Clone, Copy, Debug)]
pub enum Tagged {
    Certificate(CertificateArn),
    Authority(AuthorityArn),
}

/// The resource's tags, in the order they were added.
pub fn list(scope: &Scope, of: Tagged) -> Result<Vec<Tag>> {
    scope.read(|tx| match of {
        Tagged::Certificate(arn) => Ok(certificate(tx, &arn)?.tags),
        Tagged::Authority(arn) => Ok(authority(tx, &arn, Rule::RegionalResource)?.tags),
    })
}

/// Adds `new` (a key given again takes the new value); returns the tags.
pub fn add(scope: &Scope, of: Tagged, new: &[Tag]) -> Result<Vec<Tag>> {
    change(scope, of, |t| Ok(tags::add(t, new)?))
}

/// Removes the tags `remove` matches; returns the tags left.
pub fn remove(scope: &Scope, of: Tagged, remove: &[TagMatch]) -> Result<Vec<Tag>> {
    change(scope, of, |t| Ok(tags::remove(t, remove)))
}

fn change(scope: &Scope, of: Tagged, f: impl Fn(&[Tag]) -> Result<Vec<Tag>>) -> Result<Vec<Tag>> {
    // Checked before the lock too, so that a refusal takes no lock and writes nothing.
    f(&list(scope, of)?)?;
    scope.write(|tx| match of {
        Tagged::Certificate(arn) => {
            let mut rec = certificate(tx, &arn)?;
            rec.tags = f(&rec.tags)?;
            tx.save_certificate(&rec)?;
            Ok(rec.tags)
        }
        Tagged::Authority(arn) => {
            let mut rec = authority(tx, &arn, Rule::RegionalResource)?;
            rec.tags = f(&rec.tags)?;
            tx.save_authority(&rec)?;
            Ok(rec.tags)
        }
    })
}
