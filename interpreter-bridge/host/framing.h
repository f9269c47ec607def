// The frame format every process of the C++ side speaks with the kernel
// (interpreter-bridge/protocol.ts is the other end): u32 little-endian length
// of what follows, one kind byte, the payload. Reads and writes go on through
// EINTR. Used by the host (protocol.cpp) and the completer (completer.cpp).
#pragma once
#include <string>

namespace cppnb {

// Reads one frame; false at end of file (or on a read error).
bool readFrame(int fd, char &kind, std::string &payload);

// Writes one frame; false when the other end is gone.
bool writeFrame(int fd, char kind, const char *data, size_t size);

} // namespace cppnb
