//! RequestCertificate for private certificates, issued in batches: requests
//! for one authority that arrive while an earlier batch is being written
//! wait for it, then are issued together in one write transaction, with one
//! round of syncs for all (`ops::request::issue_private`). A request that
//! finds nothing being written is issued at once, alone; under load the
//! batches grow with the number of requests in flight. Each request is
//! answered only once its certificate is durable.
//!
//! The request that starts a batch writes it in its own thread (with its
//! clock and the server's passphrase, which every request shares); the
//! others of the batch wait for their answers, not counted among serve's
//! `--workers` while they wait (`server::waiting`).

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use crate::error::{Error, Result};
use crate::model::{AuthorityArn, Region};
use crate::ops::Scope;
use crate::ops::request::{PreparedPrivate, Requested, issue_private};
use crate::passphrase::Passphrase;

/// The most requests one batch holds: its records are staged, synced and
/// renamed together, and a batch should stay short enough that the first
/// request of the next one does not wait long.
const MOST: usize = 256;

#[derive(Default)]
pub struct Batches {
    queues: Mutex<HashMap<(Region, AuthorityArn), Arc<Queue>>>,
}

#[derive(Default)]
struct Queue {
    state: Mutex<State>,
    answered: Condvar,
}

#[derive(Default)]
struct State {
    next_id: u64,
    waiting: Vec<(u64, PreparedPrivate)>,
    answers: HashMap<u64, Result<Requested>>,
    writing: bool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Batches {
    /// Issues `item`, signed by `ca`, with whatever other requests for `ca`
    /// are waiting, and returns its answer.
    pub fn issue(
        &self,
        scope: &Scope,
        ca: AuthorityArn,
        passphrase: Option<&Passphrase>,
        item: PreparedPrivate,
    ) -> Result<Requested> {
        let queue = Arc::clone(lock(&self.queues).entry((scope.region, ca)).or_default());
        let mut state = lock(&queue.state);
        let id = state.next_id;
        state.next_id += 1;
        state.waiting.push((id, item));
        loop {
            if let Some(answer) = state.answers.remove(&id) {
                return answer;
            }
            if state.writing {
                // Waiting uses no CPU: the request does not count as one
                // of serve's workers meanwhile, so that batches can grow
                // beyond their number.
                drop(state);
                crate::serve::server::waiting(|| {
                    let mut state = lock(&queue.state);
                    while state.writing && !state.answers.contains_key(&id) {
                        state = queue.answered.wait(state).unwrap_or_else(|p| p.into_inner());
                    }
                });
                state = lock(&queue.state);
                continue;
            }
            // Nothing is being written: this request writes what waits,
            // its own among them.
            state.writing = true;
            let n = state.waiting.len().min(MOST);
            let (ids, items): (Vec<u64>, Vec<PreparedPrivate>) = state.waiting.drain(..n).unzip();
            drop(state);
            let done = catch_unwind(AssertUnwindSafe(|| issue_private(scope, ca, passphrase, items)));
            state = lock(&queue.state);
            state.writing = false;
            match done {
                Ok(answers) => state.answers.extend(ids.into_iter().zip(answers)),
                Err(panic) => {
                    // The others of the batch get an error rather than a
                    // wait without end; this request's thread goes on
                    // with the panic, which serve answers with a 500.
                    for other in ids.into_iter().filter(|&i| i != id) {
                        state.answers.insert(other, Err(Error::failure("the batch of this request failed")));
                    }
                    drop(state);
                    queue.answered.notify_all();
                    resume_unwind(panic);
                }
            }
            queue.answered.notify_all();
        }
    }
}
