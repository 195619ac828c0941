//! Tags on certificates and authorities: ACM's limit of 50 per resource.
//! (Each tag's own shape is checked where it is parsed: `model::tag`.)

use super::{Refusal, Rule};
use crate::model::Tag;

/// How many tags a resource may carry.
pub const MAX_TAGS: usize = 50;

/// A tag key to remove, with the value it must have to be removed (none:
/// whatever its value).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagMatch {
    pub key: String,
    pub value: Option<String>,
}

/// `tags` with `new` added: a key given again takes the new value.
pub fn add(tags: &[Tag], new: &[Tag]) -> Result<Vec<Tag>, Refusal> {
    let mut out = tags.to_vec();
    for t in new {
        match out.iter_mut().find(|o| o.key == t.key) {
            Some(o) => o.value = t.value.clone(),
            None => out.push(t.clone()),
        }
    }
    if out.len() > MAX_TAGS {
        return Err(Refusal::new(
            Rule::TagLimit,
            format!("a resource has at most {MAX_TAGS} tags, and this would make {}", out.len()),
            "remove tags that are no longer needed first",
        ));
    }
    Ok(out)
}

/// `tags` without those `remove` matches (a match with a value removes a
/// tag only when its value is the same, as RemoveTagsFromCertificate does).
pub fn remove(tags: &[Tag], remove: &[TagMatch]) -> Vec<Tag> {
    tags.iter()
        .filter(|t| !remove.iter().any(|m| m.key == t.key && m.value.as_ref().is_none_or(|v| *v == t.value)))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(k: &str, v: &str) -> Tag {
        Tag::new(k, v).unwrap()
    }

    #[test]
    fn adding_replaces_values_and_keeps_to_the_limit() {
        let got = add(&[tag("a", "1")], &[tag("a", "2"), tag("b", "")]).unwrap();
        assert_eq!(got, [tag("a", "2"), tag("b", "")]);
        let fifty: Vec<Tag> = (0..50).map(|i| tag(&format!("k{i}"), "v")).collect();
        assert!(add(&[], &fifty).is_ok());
        assert_eq!(add(&fifty, &[tag("k0", "again")]).unwrap().len(), 50, "a new value is not a new tag");
        assert_eq!(add(&fifty, &[tag("one", "more")]).unwrap_err().rule, Rule::TagLimit);
    }

    #[test]
    fn removing_with_a_value_removes_only_a_match() {
        let tags = [tag("team", "web"), tag("env", "prod")];
        let m = |k: &str, v: Option<&str>| TagMatch { key: k.into(), value: v.map(str::to_string) };
        assert_eq!(remove(&tags, &[m("team", Some("db"))]), tags);
        assert_eq!(remove(&tags, &[m("team", Some("web"))]), [tag("env", "prod")]);
        assert_eq!(remove(&tags, &[m("env", None), m("absent", None)]), [tag("team", "web")]);
    }
}
