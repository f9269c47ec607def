// The frame format every process of the C++ side speaks with the kernel
// (interpreter-bridge/protocol.ts is the other end). A frame (one kind byte,
// a payload) travels as pieces, each written with one write() of at most
// PIPE_BUF bytes, which a pipe or a stream socket passes whole or not at all:
// u16 little-endian payload length, the kind byte, a flags byte (1: more
// pieces of this frame follow), the writer's u32 little-endian pid, then that
// much payload. A host that dies mid-frame (a fault, LLVM's exit, the
// kernel's SIGKILL after an interrupt that could not land) leaves whole
// pieces only, and the snapshot that takes over writes under its own pid: the
// reader drops the dead one's unfinished frame instead of reading the new
// host's frames as its rest. Reads and writes go on through EINTR. Used by
// the host (protocol.cpp) and the completer (completer.cpp).
#pragma once
#include <cstddef>
#include <string>

namespace cppnb {

// Bytes of a piece's header, and of a whole piece at most.
constexpr size_t kPieceHeader = 8, kPieceMax = 4096;

// Reads one frame; false at end of file (or on a read error).
bool readFrame(int fd, char &kind, std::string &payload);

// Writes one frame; false when the other end is gone.
bool writeFrame(int fd, char kind, const char *data, size_t size);

} // namespace cppnb
