//! The memory allocator of the statically linked musl build
//! (`cargo build-static`).
//!
//! Most commands take a few milliseconds, so a process's start counts.
//! glibc spends a third of a millisecond of it on `cpuid`, which traps to
//! the hypervisor in a virtual machine; musl does not. But musl's own
//! allocator maps memory per size class: more page faults and system calls
//! than a short command's work. dlmalloc keeps freed memory in one heap for
//! reuse, as glibc's allocator does. Its lock is ours: a compare-and-swap
//! when one thread allocates, a short spin when a few do. And its memory
//! comes from `Pages`, which asks the kernel for a small region's pages up
//! front: page faults are dear in a virtual machine (measured in
//! BENCHMARKS.md, "fourth round").
//!
//! It is part of the binary only, and of its tests on every target.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicBool, Ordering};

pub struct Allocator {
    locked: AtomicBool,
    heap: UnsafeCell<dlmalloc::Dlmalloc<Pages>>,
}

// SAFETY: the heap is only reached with the lock held.
unsafe impl Sync for Allocator {}

impl Allocator {
    pub const fn new() -> Self {
        Self { locked: AtomicBool::new(false), heap: UnsafeCell::new(dlmalloc::Dlmalloc::new_with_allocator(Pages)) }
    }

    fn lock(&self) -> Guard<'_> {
        let mut spins = 0u32;
        while self.locked.compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() {
            // Another thread's allocation takes well under a microsecond;
            // yield only if its thread was descheduled while holding the lock.
            while self.locked.load(Ordering::Relaxed) {
                spins += 1;
                if spins < 200 {
                    std::hint::spin_loop();
                } else {
                    std::thread::yield_now();
                }
            }
        }
        Guard(self)
    }
}

impl Default for Allocator {
    fn default() -> Self {
        Self::new()
    }
}

/// Memory from the kernel for dlmalloc: as dlmalloc's own, except that a
/// small region comes with its pages in place (`MAP_POPULATE`), one system
/// call instead of a page fault for each page as it is first touched.
struct Pages;

const POPULATE_UP_TO: usize = 256 << 10;

// SAFETY: regions are fresh anonymous mappings, returned whole or in part
// as dlmalloc asks; nothing else maps or unmaps them.
unsafe impl dlmalloc::Allocator for Pages {
    fn alloc(&self, size: usize) -> (*mut u8, usize, u32) {
        let populate = if size <= POPULATE_UP_TO { libc::MAP_POPULATE } else { 0 };
        let flags = libc::MAP_ANONYMOUS | libc::MAP_PRIVATE | populate;
        // SAFETY: a new anonymous mapping.
        let addr = unsafe { libc::mmap(std::ptr::null_mut(), size, libc::PROT_READ | libc::PROT_WRITE, flags, -1, 0) };
        if addr == libc::MAP_FAILED { (std::ptr::null_mut(), 0, 0) } else { (addr.cast(), size, 0) }
    }

    fn remap(&self, ptr: *mut u8, oldsize: usize, newsize: usize, can_move: bool) -> *mut u8 {
        let flags = if can_move { libc::MREMAP_MAYMOVE } else { 0 };
        // SAFETY: `ptr` and `oldsize` name a region from `alloc`.
        let addr = unsafe { libc::mremap(ptr.cast(), oldsize, newsize, flags) };
        if addr == libc::MAP_FAILED { std::ptr::null_mut() } else { addr.cast() }
    }

    fn free_part(&self, ptr: *mut u8, oldsize: usize, newsize: usize) -> bool {
        // SAFETY: as in `remap`; the region only shrinks.
        unsafe {
            libc::mremap(ptr.cast(), oldsize, newsize, 0) != libc::MAP_FAILED
                || libc::munmap(ptr.wrapping_add(newsize).cast(), oldsize - newsize) == 0
        }
    }

    fn free(&self, ptr: *mut u8, size: usize) -> bool {
        // SAFETY: `ptr` and `size` name a region from `alloc`.
        unsafe { libc::munmap(ptr.cast(), size) == 0 }
    }

    fn can_release_part(&self, _flags: u32) -> bool {
        true
    }

    fn allocates_zeros(&self) -> bool {
        true
    }

    fn page_size(&self) -> usize {
        4096
    }
}

struct Guard<'a>(&'a Allocator);

impl Guard<'_> {
    fn heap(&mut self) -> &mut dlmalloc::Dlmalloc<Pages> {
        // SAFETY: the guard holds the lock, so this is the only reference.
        unsafe { &mut *self.0.heap.get() }
    }
}

impl Drop for Guard<'_> {
    fn drop(&mut self) {
        self.0.locked.store(false, Ordering::Release);
    }
}

// SAFETY: every call goes to dlmalloc with the lock held, and dlmalloc
// keeps GlobalAlloc's contract.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: GlobalAlloc's contract holds for the arguments, and the
        // lock is held for the call.
        unsafe { self.lock().heap().malloc(layout.size(), layout.align()) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: GlobalAlloc's contract holds for the arguments, and the
        // lock is held for the call.
        unsafe { self.lock().heap().free(ptr, layout.size(), layout.align()) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: GlobalAlloc's contract holds for the arguments, and the
        // lock is held for the call.
        unsafe { self.lock().heap().calloc(layout.size(), layout.align()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: GlobalAlloc's contract holds for the arguments, and the
        // lock is held for the call.
        unsafe { self.lock().heap().realloc(ptr, layout.size(), layout.align(), new_size) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block from `heap`, filled with `seed`'s pattern.
    struct Block {
        ptr: *mut u8,
        layout: Layout,
        seed: u8,
    }

    // SAFETY: a block is plain memory, handed whole from thread to thread.
    unsafe impl Send for Block {}

    impl Block {
        fn new(heap: &Allocator, size: usize, align: usize, seed: u8) -> Block {
            let layout = Layout::from_size_align(size, align).unwrap();
            // SAFETY: the layout has a non-zero size.
            let ptr = unsafe { heap.alloc(layout) };
            assert!(!ptr.is_null(), "{size} bytes aligned to {align}");
            assert_eq!(ptr as usize % align, 0, "{size} bytes aligned to {align}");
            let block = Block { ptr, layout, seed };
            block.fill();
            block
        }

        fn fill(&self) {
            for i in 0..self.layout.size() {
                // SAFETY: within the block.
                unsafe { *self.ptr.add(i) = self.seed.wrapping_add(i as u8) };
            }
        }

        fn check(&self, len: usize) {
            for i in 0..len {
                // SAFETY: within the block.
                assert_eq!(unsafe { *self.ptr.add(i) }, self.seed.wrapping_add(i as u8), "byte {i}");
            }
        }

        fn grow(&mut self, heap: &Allocator, size: usize) {
            let old = self.layout.size();
            // SAFETY: the block came from `heap` with this layout.
            self.ptr = unsafe { heap.realloc(self.ptr, self.layout, size) };
            assert!(!self.ptr.is_null());
            self.layout = Layout::from_size_align(size, self.layout.align()).unwrap();
            self.check(old.min(size));
            self.fill();
        }

        fn free(self, heap: &Allocator) {
            self.check(self.layout.size());
            // SAFETY: the block came from `heap` with this layout.
            unsafe { heap.dealloc(self.ptr, self.layout) };
        }
    }

    #[test]
    fn sizes_and_alignments_keep_their_contents() {
        let heap = Allocator::new();
        let mut blocks = Vec::new();
        for (i, size) in [1, 7, 8, 24, 100, 4096, 70_000, 3 << 20].into_iter().enumerate() {
            for align in [1, 8, 16, 64, 4096] {
                blocks.push(Block::new(&heap, size, align, (i * 31 + align) as u8));
            }
        }
        for (i, block) in blocks.iter_mut().enumerate() {
            if i % 3 == 0 {
                let size = block.layout.size();
                block.grow(&heap, size * 2 + 5);
            } else if i % 3 == 1 && block.layout.size() > 1 {
                let size = block.layout.size();
                block.grow(&heap, size / 2);
            }
        }
        for block in blocks {
            block.free(&heap);
        }
        let layout = Layout::from_size_align(10_000, 16).unwrap();
        // SAFETY: a non-zero size; freed with the same layout.
        unsafe {
            let zeroed = heap.alloc_zeroed(layout);
            assert!(std::slice::from_raw_parts(zeroed, 10_000).iter().all(|&b| b == 0));
            heap.dealloc(zeroed, layout);
        }
    }

    #[test]
    fn threads_allocate_and_free_each_others_blocks() {
        static HEAP: Allocator = Allocator::new();
        let (to_free, freed_here) = std::sync::mpsc::channel::<Block>();
        std::thread::scope(|scope| {
            for t in 0..4u8 {
                let to_free = to_free.clone();
                scope.spawn(move || {
                    let mut kept: Vec<Block> = Vec::new();
                    for i in 0..20_000usize {
                        let mut block = Block::new(&HEAP, 1 + (i * 37 + t as usize) % 600, 8, t ^ i as u8);
                        if i % 5 == 0 {
                            block.grow(&HEAP, block.layout.size() + 300);
                        }
                        match i % 3 {
                            0 => block.free(&HEAP),
                            1 => to_free.send(block).unwrap(),
                            _ => kept.push(block),
                        }
                    }
                    for block in kept {
                        block.free(&HEAP);
                    }
                });
            }
            drop(to_free);
            // This thread frees what the others hand it, while they allocate.
            for block in freed_here {
                block.free(&HEAP);
            }
        });
    }
}
