// The classes cppnb writes, described as ROOT 6 describes them in a file's
// StreamerInfo record (class version, checksum, members in order), so that
// ROOT, uproot and jsroot read what cppnb writes. The same description drives
// the writing of an object (record_writer.hpp).
#pragma once

#include "streamer_infos.hpp"

#include <vector>

namespace cppnb::root::io {

// The description of cls, or null when cppnb cannot write it.
const ClassInfo *writableClass(const std::string &cls);
// cls and every class its members need described, each once, bases first.
std::vector<const ClassInfo *> classClosure(const std::string &cls);

} // namespace cppnb::root::io
