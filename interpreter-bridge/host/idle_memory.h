// What an idle host gives back. Most of an idle kernel's memory is pages read
// from files: libLLVM's and libclang's code, the precompiled header clang
// read its declarations from. The host keeps them while cells come; after a
// while without a request it drops its mappings of those pages (the file's
// pages stay in the page cache, shared by every kernel, and come back as the
// next cell touches them). Only pages of read-only file mappings that hold
// no private copy are dropped: nothing is lost.
#pragma once

namespace cppnb {

// How long the host waits for a request before it gives pages back
// (CPPNB_IDLE_RELEASE_MS, default 30 s; 0: never).
int idleReleaseMs();

// Drops this process's read-only file pages (see above); returns the kB dropped.
long releaseFilePages();

} // namespace cppnb
