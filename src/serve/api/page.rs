//! Pages of a listing (ACM-API.md §2.4): items in order of (created_at,
//! ARN), a page starting after the item its token names, and a token only
//! when more items follow. Keyed by the last item, not by a position, a
//! token stays right while items are added or deleted between pages.

use serde_json::Value;
use time::OffsetDateTime;

use crate::serve::error::ApiError;
use crate::serve::json::PageToken;
use crate::serve::operation::Service;

/// One page of `items`, and the token of the next when there is one.
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_token: Option<String>,
}

/// Pages `items` for the request `input` (its `NextToken`, and
/// `max_items` a page), sorted by `key` ascending or descending.
pub fn page<T>(
    service: Service,
    operation: &str,
    input: &Value,
    mut items: Vec<T>,
    key: impl Fn(&T) -> (OffsetDateTime, String),
    max_items: usize,
    descending: bool,
) -> Result<Page<T>, ApiError> {
    let after = PageToken::decode(service, operation, input)?.map(|t| (t.created_at, t.arn));
    items.sort_by_cached_key(|i| key(i));
    if descending {
        items.reverse();
    }
    let start = match &after {
        None => 0,
        Some(token) => {
            items.iter().position(|i| if descending { key(i) < *token } else { key(i) > *token }).unwrap_or(items.len())
        }
    };
    let mut rest: Vec<T> = items.into_iter().skip(start).collect();
    let max_items = max_items.max(1);
    let next_token = if rest.len() > max_items {
        rest.truncate(max_items);
        let (created_at, arn) = key(rest.last().expect("a full page has a last item"));
        Some(PageToken { created_at, arn }.encode(input))
    } else {
        None
    };
    Ok(Page { items: rest, next_token })
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use time::macros::datetime;

    use super::*;

    fn all_pages(items: &[(OffsetDateTime, String)], size: usize, descending: bool) -> Vec<Vec<String>> {
        let mut input = json!({"MaxItems": size});
        let mut pages = Vec::new();
        loop {
            let p = page(Service::Acm, "ListCertificates", &input, items.to_vec(), |i| i.clone(), size, descending)
                .unwrap();
            pages.push(p.items.iter().map(|i| i.1.clone()).collect());
            match p.next_token {
                Some(t) => {
                    assert!(!t.is_empty());
                    input["NextToken"] = json!(t);
                }
                None => return pages,
            }
        }
    }

    #[test]
    fn every_item_comes_once_and_the_last_page_has_no_token() {
        let t = datetime!(2026-12-04 16:30 UTC);
        // Ties on created_at (ACMCTL_NOW fixes the clock) are ordered by ARN.
        let items: Vec<_> = ["c", "a", "g", "b", "e", "d", "f"].iter().map(|a| (t, a.to_string())).collect();
        assert_eq!(all_pages(&items, 2, false), [vec!["a", "b"], vec!["c", "d"], vec!["e", "f"], vec!["g"]]);
        assert_eq!(all_pages(&items, 7, false).len(), 1, "no token when nothing follows");
        assert_eq!(all_pages(&items, 3, true), [vec!["g", "f", "e"], vec!["d", "c", "b"], vec!["a"]]);
        assert_eq!(all_pages(&[], 2, false), [Vec::<String>::new()]);
    }

    #[test]
    fn an_item_deleted_between_pages_moves_nothing() {
        let t = datetime!(2026-12-04 16:30 UTC);
        let items: Vec<_> = ["a", "b", "c", "d"].iter().map(|a| (t, a.to_string())).collect();
        let first = page(Service::Acm, "ListCertificates", &json!({}), items.clone(), |i| i.clone(), 2, false).unwrap();
        let input = json!({"NextToken": first.next_token.unwrap()});
        let fewer: Vec<_> = items.into_iter().filter(|i| i.1 != "b").collect();
        let second = page(Service::Acm, "ListCertificates", &input, fewer, |i| i.clone(), 2, false).unwrap();
        assert_eq!(second.items.iter().map(|i| i.1.as_str()).collect::<Vec<_>>(), ["c", "d"]);
        assert!(second.next_token.is_none());
    }
}
