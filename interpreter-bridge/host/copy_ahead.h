// Copies made while the host waits for the next cell, of the pages it will
// write then.
//
// The snapshot forked after each cell shares every page with the host,
// copy-on-write: the first write to each page after the fork traps and copies
// it. A trivial cell writes 200-500 pages, mostly of the heap (the
// compiler's and the allocator's working set, much the same from one cell to
// the next; also blocks malloc maps apart, the stacks, the libraries' data),
// and on the virtual machines kernels often run on, each such trap costs
// 15-30 us: 5-15 ms of the cell. The pages the last cells wrote are
// noted before the fork, and after it, while no request waits, the kernel is
// asked to copy them (MADV_POPULATE_WRITE): the next cell finds them its own.
// Cells that follow each other at once (Run All) get nothing from it and lose
// nothing: every step stops as soon as a request waits. A copied page is held
// twice (the host's, the snapshot's original) until the next snapshot shares
// it again; main.cpp takes one after a long idleness for that. CPPNB_COPY_AHEAD=0
// turns it off.
#pragma once

namespace cppnb {

// Before the snapshot's fork: which pages of the process's private writable
// memory (mappings of at most 64 MB, the heap whatever its size, the main
// stack's top MB) were written since the last one, added to those the cells before
// wrote. Nothing is noted when a request already waits; everything is
// forgotten when the cell left threads of its own running (they could change
// the memory being read) or wrote more than a cell's working set (data, not
// the compiler).
void notePagesWritten(int requestFd);

// After the fork, in the host: copies the noted pages while no request waits
// on requestFd.
void copyAheadWhileIdle(int requestFd);

// In a snapshot that takes over: what it noted was the old host's.
void forgetPagesWritten();

} // namespace cppnb
