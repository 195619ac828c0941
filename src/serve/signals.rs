//! SIGINT and SIGTERM stop the server gracefully (`Shutdown::stop`); a
//! second one ends the process at once, as the default action would.
//!
//! The handler only writes a byte to a pipe (what a signal handler may
//! safely do); a thread reading the pipe does the rest.

use std::io;
use std::sync::atomic::{AtomicI32, Ordering};

use crate::serve::server::Shutdown;

static PIPE_WRITE: AtomicI32 = AtomicI32::new(-1);

extern "C" fn on_signal(_: libc::c_int) {
    let fd = PIPE_WRITE.load(Ordering::Relaxed);
    if fd >= 0 {
        // SAFETY: write(2) and errno access are async-signal-safe; errno is
        // restored for the code the signal interrupted.
        unsafe {
            let errno = *libc::__errno_location();
            let byte = 1u8;
            libc::write(fd, (&byte as *const u8).cast(), 1);
            *libc::__errno_location() = errno;
        }
    }
}

fn set_action(signal: libc::c_int, handler: libc::sighandler_t) -> io::Result<()> {
    // SAFETY: a zeroed sigaction is valid (empty mask, no flags) once its
    // handler is set; sigaction(2) copies it.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler;
        action.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut action.sa_mask);
        if libc::sigaction(signal, &action, std::ptr::null_mut()) != 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Makes SIGINT and SIGTERM call `shutdown.stop()`, and `on_stop` first
/// (to log it). Call once per process.
pub fn stop_on_signals(shutdown: Shutdown, on_stop: impl FnOnce() + Send + 'static) -> io::Result<()> {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: pipe2 writes two descriptors into the array it is given.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(io::Error::last_os_error());
    }
    let [read_fd, write_fd] = fds;
    PIPE_WRITE.store(write_fd, Ordering::SeqCst);
    set_action(libc::SIGINT, on_signal as *const () as libc::sighandler_t)?;
    set_action(libc::SIGTERM, on_signal as *const () as libc::sighandler_t)?;
    std::thread::Builder::new().name("serve-signals".into()).spawn(move || {
        let mut byte = 0u8;
        loop {
            // SAFETY: reads one byte into a local.
            let n = unsafe { libc::read(read_fd, (&mut byte as *mut u8).cast(), 1) };
            if n == 1 {
                break;
            }
            if n < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return; // the pipe is gone: nothing more will come
        }
        let _ = set_action(libc::SIGINT, libc::SIG_DFL);
        let _ = set_action(libc::SIGTERM, libc::SIG_DFL);
        on_stop();
        shutdown.stop();
    })?;
    Ok(())
}
